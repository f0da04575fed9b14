import MeetingContracts
import RPC
import ServiceToolkit
import Store

/// Meetings and their agendas as stored: reading, inserting and moving a meeting
/// through its states. Callers check rights first; every method runs inside the
/// caller's transaction.
struct MeetingRecords {
    let connection: Connection

    static let columns = """
        id, cell_id, kind, title, place, starts_at_ms, state, reason, revision, opened_at_ms, closed_at_ms,
        invited_count, present_count
        """

    /// The meeting, or nil.
    func find(_ id: String) throws -> StoredMeeting? {
        guard let row = try connection.queryOne("SELECT \(Self.columns) FROM meetings WHERE id = ?", [id]) else {
            return nil
        }
        return try meeting(row, withAgenda: true)
    }

    func meetings(where clause: String, _ arguments: [(any SQLValueConvertible)?], agenda: Bool = false) throws
        -> [StoredMeeting]
    {
        try connection.query("SELECT \(Self.columns) FROM meetings WHERE \(clause)", arguments)
            .map { try meeting($0, withAgenda: agenda) }
    }

    func insert(_ meeting: Meeting, createdBy: String, nowMs: Int64) throws {
        try connection.execute(
            """
            INSERT INTO meetings (id, cell_id, kind, title, place, starts_at_ms, month, state, created_by, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [meeting.id, meeting.cellID, Int64(meeting.kind.rawValue), meeting.title, meeting.place, meeting.startsAtMS,
             VietnamCalendar.monthKey(ofMs: meeting.startsAtMS), Int64(MeetingState.scheduled.rawValue), createdBy, nowMs])
        for (position, item) in meeting.agenda.enumerated() {
            try connection.execute(
                "INSERT INTO agenda_items (meeting_id, position, title, document_ids) VALUES (?, ?, ?, ?)",
                [meeting.id, Int64(position), item.title, item.documentIDs.joined(separator: "\n")])
        }
    }

    func setState(_ id: String, _ state: MeetingState, reason: String? = nil, openedAtMs: Int64? = nil,
                  closedAtMs: Int64? = nil) throws {
        try connection.execute(
            """
            UPDATE meetings SET state = ?, reason = COALESCE(?, reason), opened_at_ms = COALESCE(?, opened_at_ms),
                closed_at_ms = COALESCE(?, closed_at_ms) WHERE id = ?
            """,
            [Int64(state.rawValue), reason, openedAtMs, closedAtMs, id])
    }

    func reschedule(_ id: String, to startsAtMs: Int64, place: String?, reason: String) throws {
        try connection.execute(
            """
            UPDATE meetings SET starts_at_ms = ?, month = ?, place = COALESCE(?, place), reason = ?,
                revision = revision + 1 WHERE id = ?
            """,
            [startsAtMs, VietnamCalendar.monthKey(ofMs: startsAtMs), place, reason, id])
    }

    private func meeting(_ row: Row, withAgenda: Bool) throws -> StoredMeeting {
        var meeting = Meeting()
        meeting.id = try row.get(0)
        meeting.cellID = try row.get(1)
        meeting.kind = MeetingKind(rawValue: Int32(try row.get(2, as: Int64.self)))
        meeting.title = try row.get(3)
        meeting.place = try row.get(4)
        meeting.startsAtMS = try row.get(5)
        meeting.state = MeetingState(rawValue: Int32(try row.get(6, as: Int64.self)))
        meeting.reason = try row.get(7)
        meeting.openedAtMS = try row.get(9)
        meeting.closedAtMS = try row.get(10)
        meeting.invited = Int32(try row.get(11, as: Int64.self))
        meeting.checkedIn = Int32(try row.get(12, as: Int64.self))
        if withAgenda {
            meeting.agenda = try connection.query(
                "SELECT position, title, document_ids FROM agenda_items WHERE meeting_id = ? ORDER BY position",
                [meeting.id]
            ).map { row in
                var item = AgendaItem()
                item.id = "a\(try row.get(0, as: Int64.self) + 1)"
                item.title = try row.get(1)
                let documents: String = try row.get(2)
                item.documentIDs = documents.isEmpty ? [] : documents.split(separator: "\n").map(String.init)
                return item
            }
        }
        return StoredMeeting(meeting: meeting, revision: try row.get(8))
    }
}

/// A meeting with what only the service sees: the revision its notices are keyed by.
struct StoredMeeting: Sendable {
    var meeting: Meeting
    let revision: Int64
}
