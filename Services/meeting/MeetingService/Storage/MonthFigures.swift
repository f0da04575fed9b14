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

    /// The regular meetings of a month: cell → (meeting id, state), the held one first.
    func regularMeetings(month: String) throws -> [String: (id: String, state: MeetingState)] {
        var byCell: [String: (id: String, state: MeetingState)] = [:]
        let rows = try connection.query("SELECT cell_id, id, state FROM meetings WHERE month = ? AND kind = ?",
                                        [month, Int64(MeetingKind.regular.rawValue)])
        for row in rows {
            let state = MeetingState(rawValue: Int32(try row.get(2, as: Int64.self)))
            let cellID: String = try row.get(0)
            let held = state == .closed || state == .minutesApproved
            if held || byCell[cellID] == nil || byCell[cellID]?.state == .cancelled {
                if let existing = byCell[cellID], existing.state == .closed || existing.state == .minutesApproved { continue }
                byCell[cellID] = (try row.get(1), state)
            }
        }
        return byCell
    }
}
