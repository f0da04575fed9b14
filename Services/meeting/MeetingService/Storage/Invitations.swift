import MeetingContracts
import Store

/// The members invited to a meeting (the cell's roster) and their attendance.
struct Invitations {
    let connection: Connection

    /// Adds the members not invited yet; those already invited keep their record.
    func invite(_ members: [RosterMember], to meetingID: String) throws {
        var added = 0
        for member in members {
            try connection.execute(
                "INSERT OR IGNORE INTO invitations (meeting_id, member_id, full_name) VALUES (?, ?, ?)",
                [meetingID, member.memberID, member.fullName])
            added += connection.changes
        }
        try connection.execute("UPDATE meetings SET invited_count = invited_count + ? WHERE id = ?",
                               [Int64(added), meetingID])
    }

    func entry(_ meetingID: String, _ memberID: String) throws -> AttendanceEntry? {
        try connection.queryOne("SELECT \(Self.columns) FROM invitations WHERE meeting_id = ? AND member_id = ?",
                                [meetingID, memberID]).map(Self.entry)
    }

    /// The meeting's cell and state with `memberID`'s invitation (nil when not invited),
    /// in one read; nil when there is no such meeting. A check-in decides on this alone,
    /// so the writer, which every check-in of a meeting evening waits for, does one
    /// lookup instead of reading the whole meeting and the invitation twice.
    func seat(_ meetingID: String, _ memberID: String) throws -> Seat? {
        try connection.queryOne(
            """
            SELECT meetings.cell_id, meetings.state, invitations.member_id, invitations.full_name,
                invitations.response, invitations.presence, invitations.by_proxy, invitations.recorded_by,
                invitations.checked_in_at_ms, invitations.absence_reason
            FROM meetings LEFT JOIN invitations ON invitations.meeting_id = meetings.id AND invitations.member_id = ?
            WHERE meetings.id = ?
            """,
            [memberID, meetingID]
        ).map { row in
            Seat(cellID: try row.get(0), state: MeetingState(rawValue: Int32(try row.get(1, as: Int64.self))),
                 entry: try row.get(2, as: String?.self) == nil ? nil : try Self.entry(row, from: 2))
        }
    }

    func entries(_ meetingID: String) throws -> [AttendanceEntry] {
        try connection.query("SELECT \(Self.columns) FROM invitations WHERE meeting_id = ? ORDER BY full_name, member_id",
                             [meetingID]).map(Self.entry)
    }

    func memberIDs(_ meetingID: String) throws -> [String] {
        try connection.query("SELECT member_id FROM invitations WHERE meeting_id = ? ORDER BY member_id", [meetingID])
            .map { try $0.get(0) }
    }

    func respond(_ meetingID: String, _ memberID: String, _ response: Response) throws {
        try connection.execute("UPDATE invitations SET response = ? WHERE meeting_id = ? AND member_id = ?",
                               [Int64(response.rawValue), meetingID, memberID])
    }

    /// Marks the member present once: a second check-in changes nothing (the first
    /// time and who recorded it stay).
    func checkIn(_ meetingID: String, _ memberID: String, byProxy: Bool, recordedBy: String, nowMs: Int64) throws {
        try connection.execute(
            """
            UPDATE invitations SET presence = ?, by_proxy = ?, recorded_by = ?, checked_in_at_ms = ?, absence_reason = ''
            WHERE meeting_id = ? AND member_id = ? AND presence <> ?
            """,
            [Int64(Presence.present.rawValue), byProxy, recordedBy, nowMs, meetingID, memberID,
             Int64(Presence.present.rawValue)])
        if connection.changes == 1 {
            try connection.execute("UPDATE meetings SET present_count = present_count + 1 WHERE id = ?", [meetingID])
        }
    }

    func recordAbsence(_ meetingID: String, _ memberID: String, reason: String, excused: Bool, recordedBy: String) throws {
        let presence: Presence = excused ? .absentExcused : .absentUnexcused
        try connection.execute(
            """
            UPDATE invitations SET presence = ?, absence_reason = ?, recorded_by = ?, by_proxy = 0, checked_in_at_ms = 0
            WHERE meeting_id = ? AND member_id = ?
            """,
            [Int64(presence.rawValue), reason, recordedBy, meetingID, memberID])
    }

    /// A meeting as a check-in sees it: its cell, its state, and the member's invitation.
    struct Seat {
        let cellID: String
        let state: MeetingState
        let entry: AttendanceEntry?
    }

    static let columns =
        "member_id, full_name, response, presence, by_proxy, recorded_by, checked_in_at_ms, absence_reason"

    /// The entry in `columns`' order, starting at column `first` of the row.
    static func entry(_ row: Row, from first: Int) throws -> AttendanceEntry {
        var entry = AttendanceEntry()
        entry.memberID = try row.get(first)
        entry.fullName = try row.get(first + 1)
        entry.response = Response(rawValue: Int32(try row.get(first + 2, as: Int64.self)))
        entry.presence = Presence(rawValue: Int32(try row.get(first + 3, as: Int64.self)))
        entry.byProxy = try row.get(first + 4)
        entry.recordedBy = try row.get(first + 5)
        entry.checkedInAtMS = try row.get(first + 6)
        entry.absenceReason = try row.get(first + 7)
        return entry
    }

    static func entry(_ row: Row) throws -> AttendanceEntry {
        try entry(row, from: 0)
    }
}
