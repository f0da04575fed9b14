import MeetingContracts
import Store

/// One month's meetings as oversight counts them: per meeting, its cell, kind, state,
/// punctuality, attendance and ratings; read in one pass over the month's index.
struct MonthFigures {
    struct Line: Sendable {
        let meetingID: String
        let cellID: String
        let kind: MeetingKind
        let state: MeetingState
        let startsAtMs: Int64
        let openedAtMs: Int64
        let invited: Int
        let present: Int
        let ratings: Int
        let ratingSum: Int

        var isHeld: Bool { state == .closed || state == .minutesApproved }
    }

    /// A meeting counts as on time when opened no later than this after its start.
    static let onTimeGraceMs: Int64 = 15 * 60_000

    let connection: Connection

    func lines(month: String) throws -> [Line] {
        try connection.query(
            """
            SELECT id, cell_id, kind, state, starts_at_ms, opened_at_ms, invited_count, present_count,
                COALESCE(rated.ratings, 0), COALESCE(rated.score_sum, 0)
            FROM meetings LEFT JOIN (
                SELECT meeting_id, COUNT(*) AS ratings, SUM(score) AS score_sum FROM ratings
                WHERE meeting_id IN (SELECT id FROM meetings WHERE month = ?) GROUP BY meeting_id
            ) AS rated ON rated.meeting_id = meetings.id
            WHERE month = ?
            """,
            [month, month]
        ).map { row in
            Line(meetingID: try row.get(0), cellID: try row.get(1),
                 kind: MeetingKind(rawValue: Int32(try row.get(2, as: Int64.self))),
                 state: MeetingState(rawValue: Int32(try row.get(3, as: Int64.self))),
                 startsAtMs: try row.get(4), openedAtMs: try row.get(5), invited: try row.get(6), present: try row.get(7),
                 ratings: try row.get(8), ratingSum: try row.get(9))
        }
    }

    /// The cells that held (closed, or approved the minutes of) a regular meeting in the
    /// month. Read from `meetings_regular_by_month` alone (month, kind, state, cell):
    /// only the held meetings' index entries, never the meeting rows, so that the warning
    /// list of the whole province stays cheap on the evening it is asked most.
    func cellsThatHeldTheirRegularMeeting(month: String) throws -> Set<String> {
        var cells = Set<String>()
        try connection.forEachRow(
            "SELECT cell_id FROM meetings WHERE month = ? AND kind = ? AND state IN (?, ?)",
            [month, Int64(MeetingKind.regular.rawValue), Int64(MeetingState.closed.rawValue),
             Int64(MeetingState.minutesApproved.rawValue)]
        ) { cells.insert(try $0.get(0)) }
        return cells
    }

    /// The regular meetings of the month not held (scheduled, open or cancelled): cell →
    /// (meeting id, state), a scheduled or open one before a cancelled one. From the same
    /// index.
    func unheldRegularMeetings(month: String) throws -> [String: (id: String, state: MeetingState)] {
        var byCell: [String: (id: String, state: MeetingState)] = [:]
        try connection.forEachRow(
            "SELECT cell_id, id, state FROM meetings WHERE month = ? AND kind = ? AND state NOT IN (?, ?)",
            [month, Int64(MeetingKind.regular.rawValue), Int64(MeetingState.closed.rawValue),
             Int64(MeetingState.minutesApproved.rawValue)]
        ) { row in
            let cellID: String = try row.get(0)
            let state = MeetingState(rawValue: Int32(try row.get(2, as: Int64.self)))
            if byCell[cellID] == nil || byCell[cellID]?.state == .cancelled { byCell[cellID] = (try row.get(1), state) }
        }
        return byCell
    }
}
