import OrgContracts
import Store

/// Appends to `member_changes`: who changed which fields of a member, when and why.
/// Values are not kept in the history (they may be personal data); the fields are.
struct MemberHistory {
    let connection: Connection
    let actorID: String
    let atMs: Int64

    func record(_ kind: MemberChangeKind, memberID: String, reason: String, fields: [String] = [],
                fromUnitID: String? = nil, toUnitID: String? = nil) throws {
        try connection.execute(
            """
            INSERT INTO member_changes (member_id, kind, actor_member_id, at_ms, reason, fields, from_unit_id, to_unit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [memberID, Int64(kind.rawValue), actorID, atMs, reason, fields.joined(separator: ","), fromUnitID, toUnitID])
    }
}
