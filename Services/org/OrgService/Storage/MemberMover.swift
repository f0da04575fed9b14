import OrgContracts
import RPC
import Store

/// Moves members between units, keeping the subtree totals of both sides right (a
/// member's contribution depends on the type of the cell they are in) and recording
/// each move in the member's history.
struct MemberMover {
    let connection: Connection
    let actorID: String
    let nowMs: Int64

    /// One member, for a transfer.
    func move(_ member: inout Member, from source: UnitRecord, to target: UnitRecord, kind: MemberChangeKind,
              reason: String) throws {
        try TotalsTable.add(-Self.contribution(member.status, in: source), to: source.selfAndAncestorIDs, in: connection)
        try TotalsTable.add(Self.contribution(member.status, in: target), to: target.selfAndAncestorIDs, in: connection)
        member.unitID = target.id
        member.version += 1
        member.updatedAtMS = nowMs
        try connection.execute("UPDATE members SET unit_id = ?, version = ?, updated_at_ms = ? WHERE id = ?",
                               [target.id, member.version, nowMs, member.id])
        try MemberHistory(connection: connection, actorID: actorID, atMs: nowMs)
            .record(kind, memberID: member.id, reason: reason, fields: ["unit_id"], fromUnitID: source.id, toUnitID: target.id)
    }

    /// Every member of `source`, whatever their status, for a merge.
    func moveAllMembers(from source: UnitRecord, to target: UnitRecord, kind: MemberChangeKind, reason: String) throws {
        let byStatus = try connection.query("SELECT status, COUNT(*) FROM members WHERE unit_id = ? GROUP BY status",
                                            [source.id])
        for row in byStatus {
            let status = MemberStatus(rawValue: Int32(try row.get(0) as Int64))
            let count: Int64 = try row.get(1)
            var leaving = Self.contribution(status, in: source)
            var arriving = Self.contribution(status, in: target)
            leaving.values = leaving.values.map { $0 * count }
            arriving.values = arriving.values.map { $0 * count }
            try TotalsTable.add(-leaving, to: source.selfAndAncestorIDs, in: connection)
            try TotalsTable.add(arriving, to: target.selfAndAncestorIDs, in: connection)
        }
        try connection.execute(
            """
            INSERT INTO member_changes (member_id, kind, actor_member_id, at_ms, reason, fields, from_unit_id, to_unit_id)
            SELECT id, ?, ?, ?, ?, 'unit_id', ?, ? FROM members WHERE unit_id = ?
            """,
            [Int64(kind.rawValue), actorID, nowMs, reason, source.id, target.id, source.id])
        try connection.execute(
            "UPDATE members SET unit_id = ?, version = version + 1, updated_at_ms = ? WHERE unit_id = ?",
            [target.id, nowMs, source.id])
    }

    static func contribution(_ status: MemberStatus, in unit: UnitRecord) -> SubtreeTotals {
        .member(status: status, unitKind: unit.unit.kind, cellType: unit.unit.cellType)
    }
}
