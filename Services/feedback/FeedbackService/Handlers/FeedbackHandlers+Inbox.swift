import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    /// An agency's inbox by due date, oldest first; or, with `escalated`, the items
    /// raised to the agency's committee. Its staff read it, and the staff of the same
    /// kind of agency above. Items shown to the owning agency for the
    /// first time become DELIVERED: only now is that true.
    func listInbox(_ request: ListInboxRequest, context: CallContext) async throws -> ItemList {
        let agency = try Self.checkedAgency(request.agency, field: "agency")
        for status in request.statuses where status.label == "unknown" {
            throw RPCError.invalidArgument(field: "statuses", "holds a value that is not a status")
        }
        let access = try CallerAccess(context)
        let tree = replica.tree
        let statuses = Set(request.statuses)
        let paging = try Paging(
            pageSize: request.pageSize, pageToken: request.pageToken, list: "inbox",
            filters: [agency.unitID, "\(agency.kind.rawValue)", statuses.map { "\($0.rawValue)" }.sorted().joined(separator: ","),
                      "\(request.escalated)"])
        let statusFilter = statuses.isEmpty ? "is_open = 1"
            : "status IN (\(statuses.map { "\($0.rawValue)" }.sorted().joined(separator: ",")))"
        let unitColumn = request.escalated ? "escalated_to_unit_id" : "agency_unit_id"
        let after = paging.after
        let rows = try await read { connection in
            try Self.requireAgencyStaff(access, of: agency, in: tree, connection: connection, to: "read this agency's inbox")
            return try connection.query(
                """
                SELECT record, due_at_ms, id FROM items
                WHERE \(unitColumn) = ? AND agency_kind = ? AND \(statusFilter) AND (due_at_ms, id) > (?, ?)
                ORDER BY due_at_ms, id LIMIT ?
                """,
                [agency.unitID, Int64(agency.kind.rawValue), Int64(after?.first ?? "") ?? Int64.min, after?.last ?? "",
                 Int64(paging.pageSize + 1)])
        }
        var page = try Self.page(rows, paging: paging, list: "inbox")
        let arrived = page.items.filter { $0.status == .received }.map(\.id)
        if !request.escalated && !arrived.isEmpty {
            let delivered = try await deliver(arrived)
            page.items = page.items.map { delivered[$0.id] ?? $0 }
        }
        return page
    }

    /// Marks the items DELIVERED (those still RECEIVED when the write runs).
    private func deliver(_ ids: [String]) async throws -> [String: Item] {
        let outbox = self.outbox
        return try await writeAndNotify { connection, now in
            let store = ItemStore(connection: connection)
            var delivered: [String: Item] = [:]
            for id in ids {
                guard var item = try store.find(id), item.status == .received else { continue }
                let events = item.deliveredIfReceived(atMS: now)
                try Self.save(&item, events: events, store: store, outbox: outbox, nowMs: now)
                item.events = []
                delivered[id] = item
            }
            return delivered
        }
    }
}
