import AuthContracts
import OrgTreeReplica
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
        let snapshot = tree.tree
        let units = Self.subtree(of: request.unitID, in: snapshot)
        // The per-unit counters of this subtree only, each one primary-key lookup.
        let accountsByUnit = try await read { connection in
            try Dictionary(uniqueKeysWithValues: units.map { unitID in
                (unitID, try connection.queryOne("SELECT accounts FROM unit_accounts WHERE unit_id = ?", [unitID])?
                    .get(0, as: Int64.self) ?? 0)
            })
        }
        @Sendable func registered(under unitID: String) -> Int64 {
            Self.subtree(of: unitID, in: snapshot).reduce(0) { $0 + (accountsByUnit[$1] ?? 0) }
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
        // Each subordinate's member count is a call to org (org has no batched count
        // call): a few at a time, so a province with hundreds of subordinates does not
        // open hundreds of calls at once.
        let children = snapshot.children(of: request.unitID).filter(\.isActive).map(\.id)
        var subordinates: [UnitRegistration] = []
        for start in stride(from: 0, to: children.count, by: Self.orgCallsInFlight) {
            let chunk = children[start..<min(start + Self.orgCallsInFlight, children.count)]
            subordinates += try await withThrowingTaskGroup(of: UnitRegistration.self) { group in
                for child in chunk { group.addTask { try await row(child) } }
                var rows: [UnitRegistration] = []
                for try await row in group { rows.append(row) }
                return rows
            }
        }
        subordinates.sort { ($0.rate, $1.unitName) > ($1.rate, $0.unitName) }
        for index in subordinates.indices { subordinates[index].rank = Int32(index + 1) }
        stats.subordinates = subordinates
        return stats
    }

    static let orgCallsInFlight = 8

    /// `rootID` and every unit below it in `snapshot` (only the root when the replica
    /// does not know it yet: created seconds ago).
    static func subtree(of rootID: String, in snapshot: OrgTree) -> [String] {
        var units: [String] = []
        var pending = [rootID]
        while let next = pending.popLast() {
            units.append(next)
            pending += snapshot.children(of: next).map(\.id)
        }
        return units
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
        let units = Self.subtree(of: request.unitID, in: tree.tree)
        // Keyset paging on the (unit_id, sequence) index: the newest page+1 events of
        // each unit before the cursor, merged; no page reads the log beyond that.
        let (events, more) = try await read { connection -> ([AuditEvent], Bool) in
            var found: [AuditEvent] = []
            for unitID in units {
                found += try connection.query(AuditLog.pageQuery, [unitID, before, Int64(pageSize + 1)])
                    .map(AuditLog.event(from:))
            }
            found.sort { $0.sequence > $1.sequence }
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
