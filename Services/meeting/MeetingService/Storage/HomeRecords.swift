import MeetingContracts
import Store

/// The home screen's meeting figures for one member, each read through the member's
/// own index (invitations, votes, tasks), never by scanning the cell or the month.
struct HomeRecords {
    let connection: Connection

    /// The member's meeting open now, or else the soonest scheduled one starting after
    /// `sinceMs` (a scheduled meeting long past and never opened is not "next").
    func nextMeeting(memberID: String, sinceMs: Int64) throws -> StoredMeeting? {
        try MeetingRecords(connection: connection).meetings(
            where: """
                id IN (SELECT meeting_id FROM invitations WHERE member_id = ?)
                AND (state = 2 OR (state = 1 AND starts_at_ms >= ?)) ORDER BY state DESC, starts_at_ms, id LIMIT 1
                """,
            [memberID, sinceMs]).first
    }

    func checkedIn(meetingID: String, memberID: String) throws -> Bool {
        let row = try connection.queryOne(
            "SELECT checked_in_at_ms > 0 FROM invitations WHERE meeting_id = ? AND member_id = ?", [meetingID, memberID])
        return try row?.get(0) ?? false
    }

    /// Open polls of the meeting the member has not voted in.
    func pollsToVote(meetingID: String, memberID: String) throws -> Int {
        let row = try connection.queryOne(
            """
            SELECT count(*) FROM polls p WHERE p.meeting_id = ? AND p.closed = 0
            AND NOT EXISTS (SELECT 1 FROM poll_voters v WHERE v.poll_id = p.id AND v.member_id = ?)
            """, [meetingID, memberID])
        return try row?.get(0) ?? 0
    }

    func openTasks(memberID: String) throws -> Int {
        let row = try connection.queryOne(
            "SELECT count(*) FROM tasks WHERE member_id = ? AND status <> ?", [memberID, Int(TaskStatus.done.rawValue)])
        return try row?.get(0) ?? 0
    }
}
