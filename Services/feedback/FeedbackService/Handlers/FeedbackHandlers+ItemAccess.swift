import FeedbackContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Who acts on an item in a change.
enum ItemActor: Sendable {
    /// The member who wrote it (or a secretary acting for them).
    case author
    /// Staff of the agency it is routed to or escalated to, or of the same kind of
    /// agency above it.
    case handler
}

extension FeedbackHandlers {
    /// The same answer whether the item does not exist or the caller may not see it.
    static let notFound = RPCError(.notFound, "item_id: no item you may see")

    /// The member who wrote it and the staff who handle it see an item.
    static func maySee(_ item: Item, access: CallerAccess, staffed: StaffedAgencies, tree: OrgTree) -> Bool {
        item.memberID == access.caller.memberID || staffed.handles(item, in: tree)
    }

    /// The agencies the caller staffs, read in the call's own transaction, so that an
    /// appointment or a removal counts from the next call on. A secretary acting for a
    /// member (a proxy token) acts as a member, never as that member's agency.
    static func staffed(_ access: CallerAccess, in connection: Connection) throws -> StaffedAgencies {
        guard access.caller.proxyMemberID == nil else { return StaffedAgencies([]) }
        return try AgencyStaffStore(connection: connection).agencies(of: access.caller.memberID)
    }

    /// Loads, checks, changes and saves one item in one write. `change` mutates the
    /// item and returns what happened; no events means nothing changed (a repeat of an
    /// idempotent call). Each event is recorded and notified to the member.
    func changeItem(
        _ rawID: String, by actor: ItemActor, context: CallContext,
        _ change: @escaping @Sendable (inout Item, Int64, Connection) throws -> [ItemEvent]
    ) async throws -> Item {
        let itemID = try RecordID.checked(rawID, prefix: "fb", field: "item_id")
        let access = try CallerAccess(context)
        let (tree, outbox) = (replica.tree, self.outbox)
        return try await writeAndNotify { connection, now in
            let store = ItemStore(connection: connection)
            let staffed = try Self.staffed(access, in: connection)
            guard var item = try store.find(itemID), Self.maySee(item, access: access, staffed: staffed, tree: tree) else {
                throw Self.notFound
            }
            switch actor {
            case .author where item.memberID != access.caller.memberID:
                throw RPCError(.permissionDenied, "only the member who wrote it may do this")
            case .handler where !staffed.handles(item, in: tree):
                throw RPCError(.permissionDenied, "only the agency handling it may do this")
            default: break
            }
            let events = try change(&item, now, connection)
            try Self.save(&item, events: events, store: store, outbox: outbox, nowMs: now)
            return item
        }
    }

    /// Records `events` of an item already changed in memory, and notifies the member.
    static func save(_ item: inout Item, events: [ItemEvent], store: ItemStore, outbox: Outbox, nowMs: Int64) throws {
        guard !events.isEmpty else { return }
        try store.update(item, nowMs: nowMs)
        try store.append(events, to: item.id)
        item.events += events
        for event in events {
            try Notices.enqueue(event, of: item, outbox: outbox, nowMs: nowMs, in: store.connection)
        }
    }

    /// FAILED_PRECONDITION for a change the item's status does not allow.
    static func wrongStatus(_ item: Item, _ action: String) -> RPCError {
        RPCError(.failedPrecondition, "the item is \(item.status.label); it cannot be \(action)")
    }
}
