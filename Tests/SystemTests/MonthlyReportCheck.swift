import Foundation
import OrgContracts
@testable import OperatorCLI
import RPC
import ServiceKit
import ServiceTestSupport
import ServiceToolkit
import Store
import Testing
import AuthContracts
import ContentContracts
import FeedbackContracts
import LearningContracts
import MeetingContracts

/// The monthly report of a journey's province, gathered through the services as
/// `sotay report` gathers it, held against counts made directly in each service's
/// database file: every figure of the province's line and of its cell's line is a
/// count of rows, not an echo of the statistics code it came from. (The journey's
/// province has one cell, so both lines hold the same counts.)
enum MonthlyReportCheck {
    static func verify(_ cell: JourneyCell, in suite: RunningSuite) async throws {
        let now = JourneyClock.nowMs
        let month = try ReportMonth(checking: ReportMonth.of(nowMs: now))
        let staff = try cell.tokens.options("m_reporter", [TestTokens.grant(.administrator, cell.provinceID),
                                                            TestTokens.grant(.committeeStaff, cell.provinceID)])
        let gatherer = MonthlyReportGatherer(
            auth: suite.auth, content: suite.content, meeting: suite.meeting, learning: suite.learning,
            feedback: suite.feedback, options: staff)
        let report = try await gatherer.report(unitID: cell.provinceID, month: month.text)
        #expect(report.subordinates.map(\.figures.unitID) == [cell.cellID] && report.subordinates.first?.rank == 1)
        let subtrees = [cell.provinceID: [cell.provinceID, cell.cellID], cell.cellID: [cell.cellID]]
        for line in [report.unit] + report.subordinates.map(\.figures) {
            var expected = try await directCounts(month: month, nowMs: now, agencyUnits: subtrees[line.unitID] ?? [], in: suite)
            (expected.unitID, expected.unitName) = (line.unitID, line.unitName)
            #expect(line == expected, "\(line.unitName): the report \(line) ≠ the databases \(expected)")
        }
        let province = try await directCounts(month: month, nowMs: now, agencyUnits: subtrees[cell.provinceID] ?? [], in: suite)
        #expect(province.registered == 1 && province.reads == 1 && province.meetingsHeld == 1 && province.quizPassed == 1
                && province.feedbackAnswered == 1, "the journey left what it did: \(province)")
    }

    /// Each figure as a count in the database of the service that holds it; feedback's
    /// are the items of the agencies of `agencyUnits` (the line's subtree), as feedback
    /// counts them: a cell has no agency, so its line shows none.
    private static func directCounts(month: ReportMonth, nowMs: Int64, agencyUnits: [String],
                                     in suite: RunningSuite) async throws -> UnitMonth {
        var figures = UnitMonth(unitID: "", unitName: "")
        let (start, end, text) = (month.startMs, month.endMs, month.text)
        let cellKinds = [UnitKind.cell, .grassrootsCell].map { Int($0.rawValue) }
        (figures.members, figures.cells) = try await count(.org, in: suite) { connection in
            (try connection.queryOne("SELECT count(*) FROM members")?.get(0) ?? -1,
             try connection.queryOne("SELECT count(*) FROM units WHERE kind IN (?, ?)", cellKinds)?.get(0) ?? -1)
        }
        figures.registered = try await count(.auth, in: suite) { connection in
            try connection.queryOne("SELECT count(*) FROM accounts")?.get(0) ?? -1
        }
        (figures.reads, figures.activeMembers) = try await count(.content, in: suite) { connection in
            let row = try connection.queryOne(
                "SELECT count(*), count(DISTINCT member_id) FROM read_marks WHERE read_at_ms >= ? AND read_at_ms < ?", [start, end])
            return (try row?.get(0) ?? -1, try row?.get(1) ?? -1)
        }
        let meetings: [Int64] = try await count(.meeting, in: suite) { connection in
            let held = "SELECT id FROM meetings WHERE month = ? AND state IN (\(MeetingState.closed.rawValue), \(MeetingState.minutesApproved.rawValue))"
            let row = try connection.queryOne(
                """
                SELECT count(*), count(DISTINCT CASE WHEN kind = \(MeetingKind.regular.rawValue) THEN cell_id END),
                       sum(opened_at_ms <= starts_at_ms + 900000)
                FROM meetings WHERE id IN (\(held))
                """, [text])
            let people = try connection.queryOne(
                "SELECT count(*), sum(checked_in_at_ms > 0) FROM invitations WHERE meeting_id IN (\(held))", [text])
            return [try row?.get(0) ?? -1, try row?.get(1) ?? -1, try row?.get(2) ?? -1,
                    try people?.get(0) ?? -1, try people?.get(1) ?? -1]
        }
        (figures.meetingsHeld, figures.cellsMet, figures.meetingsOnTime, figures.invited, figures.present) =
            (meetings[0], meetings[1], meetings[2], meetings[3], meetings[4])
        let study: [Int64] = try await count(.learning, in: suite) { connection in
            let quizzes: Int64 = try connection.queryOne(
                "SELECT count(*) FROM quizzes WHERE opens_at_ms < ? AND closes_at_ms > ?", [end, start])?.get(0) ?? -1
            let outcomes = try connection.queryOne(
                """
                SELECT count(*), sum(best * 100 >= pass) FROM (
                    SELECT max(1.0 * a.correct_count / a.question_count) AS best, q.pass_percent AS pass
                    FROM attempts a JOIN quizzes q ON q.id = a.quiz_id
                    WHERE a.state = 1 AND a.counted = 1 AND q.opens_at_ms < ? AND q.closes_at_ms > ?
                    GROUP BY a.quiz_id, a.member_id)
                """, [end, start])
            return [quizzes, try outcomes?.get(0) ?? -1, try outcomes?.get(1) ?? 0]
        }
        // Every quiz of a journey targets the province, so each targets all its members.
        (figures.quizTargeted, figures.quizCompleted, figures.quizPassed) = (study[0] * figures.members, study[1], study[2])
        let items: [Int64] = try await count(.feedback, in: suite) { connection in
            let row = try connection.queryOne(
                """
                SELECT sum(submitted_at_ms >= ?1 AND submitted_at_ms < ?2),
                       sum(first_answered_at_ms >= ?1 AND first_answered_at_ms < ?2),
                       sum(first_due_at_ms >= ?1 AND first_due_at_ms < min(?2, ?3)
                           AND (first_answered_at_ms IS NULL OR first_answered_at_ms > first_due_at_ms))
                FROM items WHERE agency_unit_id IN (SELECT value FROM json_each(?4))
                """, [start, end, nowMs, "[" + agencyUnits.map { "\"\($0)\"" }.joined(separator: ",") + "]"])
            return [try row?.get(0) ?? 0, try row?.get(1) ?? 0, try row?.get(2) ?? 0]
        }
        (figures.feedbackReceived, figures.feedbackAnswered, figures.feedbackOverdue) = (items[0], items[1], items[2])
        return figures
    }

    /// Opens a service's database file beside the running service (WAL: a reader of
    /// its own) with the service's own migrations, so nothing is changed, and reads.
    private static func count<T: Sendable>(_ service: ServiceName, in suite: RunningSuite,
                                           _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        guard let definition = SuiteDefinitions.all[service] else { throw ComposeError("no definition of \(service)") }
        let database = try await Database.open(path: suite.databasePath(of: service), migrations: definition.migrations)
        do {
            let value = try await database.read(body)
            await database.close()
            return value
        } catch {
            await database.close()
            throw error
        }
    }
}
