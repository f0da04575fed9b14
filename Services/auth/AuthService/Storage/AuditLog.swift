import AuthContracts
import Store

/// The security audit log: registrations, logins, failed codes, lockouts, grants,
/// revocations, phone changes. Details never hold personal data (phones as hints).
struct AuditLog {
    let connection: Connection
    let atMs: Int64
    let clientAddress: String

    func record(_ kind: AuditKind, actor: String, subject: String, unitID: String, detail: String = "") throws {
        try connection.execute(
            """
            INSERT INTO audit_events (at_ms, kind, actor_member_id, subject_member_id, unit_id, detail, client_address)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [atMs, Int64(kind.rawValue), actor, subject, unitID, detail, clientAddress])
    }

    static let columns = "sequence, at_ms, kind, actor_member_id, subject_member_id, unit_id, detail, client_address"

    /// One unit's events before a sequence, newest first, at most a limit: a range of
    /// the `audit_events_by_unit` index.
    static let pageQuery = """
        SELECT \(columns) FROM audit_events WHERE unit_id = ? AND sequence < ? ORDER BY sequence DESC LIMIT ?
        """

    static func event(from row: Row) throws -> AuditEvent {
        var event = AuditEvent()
        event.sequence = try row.get(0)
        event.atMS = try row.get(1)
        event.kind = AuditKind(rawValue: Int32(try row.get(2) as Int64))
        event.actorMemberID = try row.get(3)
        event.subjectMemberID = try row.get(4)
        event.unitID = try row.get(5)
        event.detail = try row.get(6)
        event.clientAddress = try row.get(7)
        return event
    }
}
