import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    func getItem(_ request: GetItemRequest, context: CallContext) async throws -> Item {
        let itemID = try RecordID.checked(request.itemID, prefix: "fb", field: "item_id")
        let access = try CallerAccess(context)
        let tree = replica.tree
        return try await read { connection in
            guard let item = try ItemStore(connection: connection).find(itemID),
                  Self.maySee(item, access: access, staffed: try Self.staffed(access, in: connection), tree: tree)
            else { throw Self.notFound }
            return item
        }
    }

    /// The items the caller may see among `item_ids`, in the order asked; the others
    /// are left out, whether they exist or not.
    func batchGetItems(_ request: BatchGetItemsRequest, context: CallContext) async throws -> ItemList {
        guard request.itemIDs.count <= FeedbackInputLimits.maxBatch else {
            throw RPCError.invalidArgument(field: "item_ids", "holds more than \(FeedbackInputLimits.maxBatch) ids")
        }
        let ids = try request.itemIDs.map { id throws(RPCError) in try RecordID.checked(id, prefix: "fb", field: "item_ids") }
        let access = try CallerAccess(context)
        let tree = replica.tree
        var list = ItemList()
        list.items = try await read { connection in
            let store = ItemStore(connection: connection)
            let staffed = try Self.staffed(access, in: connection)
            return try ids.compactMap { id in try store.find(id) }
                .filter { Self.maySee($0, access: access, staffed: staffed, tree: tree) }
        }
        return list
    }

    /// The caller's own items, newest first.
    func listMyItems(_ request: ListMyItemsRequest, context: CallContext) async throws -> ItemList {
        let access = try CallerAccess(context)
        let memberID = access.caller.memberID
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "my-items",
                                filters: [memberID])
        let after = paging.after
        let rows = try await read { connection in
            try connection.query(
                """
                SELECT record, submitted_at_ms, id FROM items WHERE member_id = ? AND (submitted_at_ms, id) < (?, ?)
                ORDER BY submitted_at_ms DESC, id DESC LIMIT ?
                """,
                [memberID, Int64(after?.first ?? "") ?? Int64.max, after?.last ?? "", Int64(paging.pageSize + 1)])
        }
        return try Self.page(rows, paging: paging, list: "my-items")
    }

    /// A page of item rows (record, then the two sort-key columns) and the next token.
    static func page(_ rows: [Row], paging: Paging, list: String) throws -> ItemList {
        var page = ItemList()
        let shown = Array(rows.prefix(paging.pageSize))
        page.items = try ItemStore.items(shown)
        if let last = shown.last {
            page.nextPageToken = paging.token(
                list: list, after: [String(try last.get(1, as: Int64.self)), try last.get(2, as: String.self)],
                hasMore: rows.count > paging.pageSize)
        }
        return page
    }

    /// The member is satisfied with the decision (closing twice is harmless).
    func closeItem(_ request: CloseItemRequest, context: CallContext) async throws -> Item {
        try await changeItem(request.itemID, by: .author, context: context) { item, now, _ in
            if item.status == .closed { return [] }
            guard item.status.isDecided else { throw Self.wrongStatus(item, "closed before it is answered") }
            return [item.move(to: .closed, .eventClosed, atMS: now)]
        }
    }

    /// The member disagrees with the decision, within the window after it: the item is
    /// open again at the same agency with a new deadline.
    func reopenItem(_ request: ReopenItemRequest, context: CallContext) async throws -> Item {
        let reason = try TextInput.freeText(request.reason, field: "reason")
        return try await changeItem(request.itemID, by: .author, context: context) { item, now, _ in
            guard item.status.isDecided || item.status == .closed else { throw Self.wrongStatus(item, "reopened") }
            guard now <= item.reopenUntilMS else {
                throw RPCError(.failedPrecondition, "the time to reopen this item has passed")
            }
            item.dueAtMS = now + Deadlines.answerWithinMs(item.category)
            return [item.move(to: .reopened, .eventReopened, atMS: now, reason: reason)]
        }
    }
}
