import AuthContracts
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

extension AuthHandlers {
    static let statsReaders: Set<Role> = [.administrator, .committeeStaff]

    /// The monthly table: the unit and each direct subordinate with its members (from
    /// org), its registered accounts (summed over its subtree with the tree replica)
    /// and the rate, subordinates ranked by rate.
    func getRegistrationStats(_ request: GetRegistrationStatsRequest, context: CallContext) async throws
        -> RegistrationStats
    {
        _ = try await requireRole(Self.statsReaders, on: request.unitID, context: context, to: "read its statistics")
        guard tree.isReady, tree.unit(request.unitID) != nil else {
            throw RPCError(.unavailable, "the unit tree is still loading; try again in a moment")
        }
        let accountsByUnit = try await read { connection in
            Dictionary(uniqueKeysWithValues: try connection.query("SELECT unit_id, accounts FROM unit_accounts")
                .map { (try $0.get(0) as String, try $0.get(1) as Int64) })
        }
        let snapshot = tree.tree
        @Sendable func registered(under unitID: String) -> Int64 {
            var total: Int64 = 0
            var pending = [unitID]
            while let next = pending.popLast() {
                total += accountsByUnit[next] ?? 0
                pending += snapshot.children(of: next).map(\.id)
            }
            return total
        }
        @Sendable func row(_ unitID: String) async throws -> UnitRegistration {
            var row = UnitRegistration()
            row.unitID = unitID
            row.unitName = snapshot.unit(unitID)?.name ?? ""
            row.members = try await directory.counts(of: unitID, context: context).members
            row.registered = registered(under: unitID)
            row.rate = row.members > 0 ? Double(row.registered) / Double(row.members) : 0
            return row
        }
        var stats = RegistrationStats()
        stats.unit = try await row(request.unitID)
        // Each subordinate's member count is a call to org: asked all at once.
        let children = snapshot.children(of: request.unitID).filter(\.isActive).map(\.id)
        var subordinates = try await withThrowingTaskGroup(of: UnitRegistration.self) { group in
            for child in children { group.addTask { try await row(child) } }
            var rows: [UnitRegistration] = []
            for try await row in group { rows.append(row) }
            return rows
        }
        subordinates.sort { ($0.rate, $1.unitName) > ($1.rate, $0.unitName) }
        for index in subordinates.indices { subordinates[index].rank = Int32(index + 1) }
        stats.subordinates = subordinates
        return stats
    }

    /// Newest first: the events of every unit in the subtree.
    func listAuditEvents(_ request: ListAuditEventsRequest, context: CallContext) async throws -> AuditEventList {
        _ = try await requireRole([.administrator], on: request.unitID, context: context, to: "read its audit log")
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "audit-events",
                                filters: [request.unitID])
        let pageSize = paging.pageSize
        // The sequence of the last event shown; the first page starts at the newest.
        var start = Int64.max
        if let after = paging.after {
            guard let sequence = after.first.flatMap({ Int64($0) }) else {
                throw RPCError.invalidArgument(field: "page_token", "is damaged")
            }
            start = sequence
        }
        let before = start
        let snapshot = tree.tree
        let root = request.unitID
        // Scans back in batches until a page of this subtree's events is found or the
        // log ends; a unit the replica does not know yet counts only when it is the root.
        let (events, more) = try await read { connection -> ([AuditEvent], Bool) in
            var found: [AuditEvent] = []
            var cursor = before
            while found.count <= pageSize {
                let batch = try connection.query(
                    "SELECT \(AuditLog.columns) FROM audit_events WHERE sequence < ? ORDER BY sequence DESC LIMIT 1000",
                    [cursor]).map(AuditLog.event(from:))
                guard let last = batch.last else { break }
                found += batch.filter { $0.unitID == root || snapshot.isUnit($0.unitID, inSubtreeOf: root) }
                cursor = last.sequence
            }
            return (Array(found.prefix(pageSize)), found.count > pageSize)
        }
        var list = AuditEventList()
        list.events = events
        if let last = events.last {
            list.nextPageToken = paging.token(list: "audit-events", after: [String(last.sequence)], hasMore: more)
        }
        return list
    }
}
