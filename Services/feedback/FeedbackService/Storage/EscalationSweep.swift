import FeedbackContracts
import OrgTreeReplica
import ServiceToolkit
import Store

/// Raises overdue items to the committee above the one now responsible, with a new
/// deadline, an event the member sees and a notice. It works in batches, each its own
/// short write, so calls keep being served between batches however many items are
/// overdue. At the top of the tree an item stays with the root committee and is
/// counted and announced again at each deadline.
struct EscalationSweep: Sendable {
    static let batchSize = 500

    let database: Database
    let outbox: Outbox

    /// Escalates everything overdue at `nowMs`; returns how many items it raised.
    func run(tree: OrgTree, nowMs: Int64) async throws -> Int {
        var total = 0
        while true {
            let raised = try await batch(tree: tree, nowMs: nowMs)
            total += raised
            if raised < Self.batchSize { return total }
        }
    }

    private func batch(tree: OrgTree, nowMs: Int64) async throws -> Int {
        let outbox = self.outbox
        return try await database.submit { connection in
            let store = ItemStore(connection: connection)
            let rows = try connection.query(
                "SELECT id FROM items WHERE is_open = 1 AND due_at_ms < ? ORDER BY due_at_ms, id LIMIT ?",
                [nowMs, Int64(Self.batchSize)])
            for row in rows {
                guard var item = try store.find(try row.get(0, as: String.self)) else { continue }
                let current = item.escalatedToUnitID.isEmpty ? item.owner.unitID : item.escalatedToUnitID
                let above = tree.committee(above: current) ?? current
                item.escalationLevel += 1
                item.escalatedToUnitID = above
                item.dueAtMS = nowMs + Deadlines.answerWithinMs(item.category)
                let event = ItemEvent.make(.eventEscalated, atMS: nowMs, status: item.status, unitID: above)
                item.events = []
                try FeedbackHandlers.save(&item, events: [event], store: store, outbox: outbox, nowMs: nowMs)
            }
            return rows.count
        }
    }
}
