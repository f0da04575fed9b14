import ContentContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// A member's reading records, and the month's counts for a unit's staff.
extension ContentHandlers {
    static let note = TextLimit(maxCharacters: 20_000, multiline: true)

    func markRead(_ request: ItemRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        return try await record(itemID, access: access) { records, now in
            try records.markRead(itemID: itemID, memberID: access.caller.memberID, unitID: access.caller.unitID, nowMs: now)
        }
    }

    func setBookmark(_ request: SetBookmarkRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        return try await record(itemID, access: access) { records, now in
            try records.setBookmark(itemID: itemID, memberID: access.caller.memberID, on: request.bookmarked, nowMs: now)
        }
    }

    func setNote(_ request: SetNoteRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        let text = try TextInput.freeText(request.text, field: "text", limit: Self.note)
        return try await record(itemID, access: access) { records, now in
            try records.setNote(itemID: itemID, memberID: access.caller.memberID, text: text, nowMs: now)
        }
    }

    func listBookmarks(_ request: ListBookmarksRequest, context: CallContext) async throws -> ItemList {
        let access = try CallerAccess(context)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "bookmarks")
        let scope = readerScope(of: access, in: replica.tree)
        return try await read { connection in
            var list = try ItemQueries(connection: connection, scope: scope)
                .bookmarks(memberID: access.caller.memberID, paging: paging)
            list.items = try ReadingRecords(connection: connection).decorate(list.items, for: access.caller.memberID)
            return list
        }
    }

    func getReadingCounts(_ request: GetReadingCountsRequest, context: CallContext) async throws -> ReadingCounts {
        let access = try CallerAccess(context)
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        let month = try ReportMonth(checking: request.month, field: "month").text
        let tree = replica.tree
        try access.require(ContentRoles.staff, on: placement(of: unitID, in: tree), to: "see this unit's reading counts")
        let units = Self.subtree(of: unitID, in: tree)
        return try await read { connection in try ReadingRecords(connection: connection).counts(month: month, unitIDs: units) }
    }

    /// The unit and every active unit under it.
    static func subtree(of unitID: String, in tree: OrgTree) -> [String] {
        var units = [unitID]
        var next = 0
        while next < units.count {
            units += tree.children(of: units[next]).map(\.id)
            next += 1
        }
        return units
    }

    /// A member's record on an item they may read (the same answer for one they may
    /// not as for one that does not exist), then the item as they now see it.
    private func record(_ itemID: String, access: CallerAccess,
                        _ change: @escaping @Sendable (ReadingRecords, Int64) throws -> Void) async throws -> Item {
        let scope = readerScope(of: access, in: replica.tree)
        return try await write { connection, now in
            guard let record = try ItemRecord.find(itemID, in: connection), isReadable(record, by: scope) else {
                throw Self.notFound
            }
            let records = ReadingRecords(connection: connection)
            try change(records, now)
            return try records.decorate([record.summary], for: access.caller.memberID)[0]
        }
    }
}
