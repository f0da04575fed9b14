import MeetingContracts
import Store

/// The revisions of a meeting's minutes, oldest first. A revision is never changed
/// after it is written but for its approval flag.
struct MinutesRecords {
    let connection: Connection

    func revisions(_ meetingID: String) throws -> [Minutes] {
        try connection.query(
            """
            SELECT revision, text, conclusions, approved, recorded_by, recorded_at_ms, reason FROM minutes_revisions
            WHERE meeting_id = ? ORDER BY revision
            """,
            [meetingID]
        ).map { row in
            var minutes = Minutes()
            minutes.meetingID = meetingID
            minutes.revision = Int32(try row.get(0, as: Int64.self))
            minutes.text = try row.get(1)
            minutes.conclusions = try row.get(2)
            minutes.approved = try row.get(3)
            minutes.recordedBy = try row.get(4)
            minutes.recordedAtMS = try row.get(5)
            minutes.reason = try row.get(6)
            return minutes
        }
    }

    func insert(_ minutes: Minutes) throws {
        try connection.execute(
            """
            INSERT INTO minutes_revisions (meeting_id, revision, text, conclusions, recorded_by, recorded_at_ms, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [minutes.meetingID, Int64(minutes.revision), minutes.text, minutes.conclusions, minutes.recordedBy,
             minutes.recordedAtMS, minutes.reason])
    }

    func approve(_ meetingID: String, revision: Int32) throws {
        try connection.execute("UPDATE minutes_revisions SET approved = 1 WHERE meeting_id = ? AND revision = ?",
                               [meetingID, Int64(revision)])
    }
}
