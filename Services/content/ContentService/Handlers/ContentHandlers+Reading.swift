import ContentContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// What members read: one item (any revision), a batch for a meeting, the feed and the library.
extension ContentHandlers {
    /// At most this many ids in one batch (a meeting's documents).
    static let maxBatch = 100

    func getItem(_ request: GetItemRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        guard request.revision >= 0 else { throw RPCError.invalidArgument(field: "revision", "must not be negative") }
        let tree = replica.tree
        return try await read { connection in
            var item = try readableItem(itemID, access: access, tree: tree, in: connection).item
            if request.revision != 0, request.revision != item.revision {
                guard let row = try connection.queryOne(
                    """
                    SELECT title, number, issuer, issue_date, effective_date, document_status, replaced_by_id,
                        classification, body
                    FROM item_revisions WHERE item_id = ? AND revision = ?
                    """,
                    [itemID, Int64(request.revision)]) else {
                    throw RPCError(.notFound, "revision: the item has no such revision")
                }
                item.content = try ItemRecord.content(row, from: 0)
                item.revision = request.revision
            }
            item.attachments = try Self.attachments(of: itemID, in: connection)
            return try ReadingRecords(connection: connection).decorate([item], for: access.caller.memberID)[0]
        }
    }

    func batchGetItems(_ request: BatchGetItemsRequest, context: CallContext) async throws -> BatchGetItemsResponse {
        let access = try CallerAccess(context)
        guard request.itemIDs.count <= Self.maxBatch else {
            throw RPCError.invalidArgument(field: "item_ids", "holds more than \(Self.maxBatch) ids")
        }
        let ids = try request.itemIDs.map { id throws(RPCError) in
            try RecordID.checked(id, prefix: "ci", field: "item_ids")
        }
        let scope = readerScope(of: access, in: replica.tree)
        return try await read { connection in
            var response = BatchGetItemsResponse()
            let items = try ItemQueries(connection: connection, scope: scope).batch(ids).map(\.item)
            response.items = access.isService
                ? items : try ReadingRecords(connection: connection).decorate(items, for: access.caller.memberID)
            return response
        }
    }

    func listFeed(_ request: ListFeedRequest, context: CallContext) async throws -> ItemList {
        let access = try CallerAccess(context)
        let kinds = try request.kinds.map { kind throws(RPCError) in try ContentInput.kind(kind, field: "kinds") }
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "feed",
                                filters: [kinds.map { String($0.rawValue) }.joined(separator: ","), "\(request.unreadOnly)"])
        let scope = readerScope(of: access, in: replica.tree)
        return try await read { connection in
            var list = try ItemQueries(connection: connection, scope: scope)
                .feed(memberID: access.caller.memberID, kinds: kinds, unreadOnly: request.unreadOnly, paging: paging)
            list.items = try ReadingRecords(connection: connection).decorate(list.items, for: access.caller.memberID)
            return list
        }
    }

    func listLibrary(_ request: ListLibraryRequest, context: CallContext) async throws -> ItemList {
        let access = try CallerAccess(context)
        guard request.kind == .unspecified || request.kind.isDocument else {
            throw RPCError.invalidArgument(field: "kind", "must be a kind of document")
        }
        let issuer = TextFolding.fold(try TextInput.checked(request.issuer, field: "issuer", limit: .name, required: false))
        let year = try Self.year(request.year)
        guard request.documentStatus.rawValue >= 0, request.documentStatus.rawValue <= 2 else {
            throw RPCError.invalidArgument(field: "document_status", "must be a known status")
        }
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "library",
                                filters: ["\(request.kind.rawValue)", issuer, "\(year)", "\(request.documentStatus.rawValue)"])
        let scope = readerScope(of: access, in: replica.tree)
        return try await read { connection in
            var list = try ItemQueries(connection: connection, scope: scope)
                .library(kind: request.kind, issuerFolded: issuer, year: year, status: request.documentStatus, paging: paging)
            list.items = try ReadingRecords(connection: connection).decorate(list.items, for: access.caller.memberID)
            return list
        }
    }

    /// A year filter: 0 for any, else a year of `ISODate.years`.
    static func year(_ year: Int32) throws(RPCError) -> Int32 {
        guard year == 0 || ISODate.years.contains(Int(year)) else {
            throw RPCError.invalidArgument(field: "year", "must be 0 or a year in \(ISODate.years.lowerBound)–\(ISODate.years.upperBound)")
        }
        return year
    }
}
