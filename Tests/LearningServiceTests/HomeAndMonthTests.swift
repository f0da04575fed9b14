import LearningContracts
import RPC
import ServiceTestSupport
import ServiceToolkit
import Testing
import TestSupport

/// Learning's part of the home screen (the quizzes open for the member, until passed)
/// and its column of the monthly report (every quiz open in the month, summed).
@Suite struct HomeAndMonthTests {
    @Test(arguments: LearningEngine.allCases)
    func aQuizStaysOnTheHomeScreenUntilPassedWithTheAttemptsLeft(on engine: LearningEngine) async throws {
        try await LearningHarness.run("home", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            let province = try await harness.quiz([(a.id, 2)]) { $0.maxAttempts = 3 }
            // Cell C's own quiz is not Lan's.
            _ = try await harness.quiz([(a.id, 2)]) { $0.targetUnitID = harness.tree.cellC }
            let home = LearningHomeServiceClient(channel: harness.learning.channel)
            let lan = try harness.member("Lan")
            var summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: lan)
            #expect(summary.openQuizzes.map(\.quizID) == [province.id])
            #expect(summary.openQuizzes.first?.attemptsLeft == 3 && summary.openQuizzes.first?.attemptsUsed == 0)

            _ = try await harness.answerAndSubmit(try await harness.start(province.id, as: lan), right: 0, as: lan)
            summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: lan)
            #expect(summary.openQuizzes.first?.attemptsLeft == 2 && summary.openQuizzes.first?.attemptsUsed == 1)

            _ = try await harness.answerAndSubmit(try await harness.start(province.id, as: lan), right: 2, as: lan)
            #expect(try await home.getHomeSummary(GetHomeSummaryRequest(), options: lan).openQuizzes.isEmpty)
            #expect(try await home.getHomeSummary(GetHomeSummaryRequest(), options: harness.member("Hoa"))
                .openQuizzes.count == 2)
        }
    }

    @Test(arguments: LearningEngine.allCases)
    func theMonthSumsEveryQuizOpenInItForTheSubtree(on engine: LearningEngine) async throws {
        try await LearningHarness.run("month", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            let first = try await harness.quiz([(a.id, 2)])
            let second = try await harness.quiz([(a.id, 2)]) { $0.targetUnitID = harness.tree.commune }
            for (quiz, name, right) in [(first, "Lan", 2), (first, "Hoa", 0), (second, "Lan", 1), (second, "Tuan", 2)] {
                let options = try harness.member(name)
                _ = try await harness.answerAndSubmit(try await harness.start(quiz.id, as: options), right: right, as: options)
            }
            var request = GetMonthFiguresRequest()
            request.unitID = harness.tree.province
            request.month = ReportMonth.of(nowMs: harness.clock.now)
            let month = try await harness.learning.getMonthFigures(request, options: try harness.staff)
            // The province quiz targets 7 members, the commune's 5.
            #expect(month.membersTargeted == 12)
            #expect(month.started == 4 && month.completed == 4 && month.passed == 3)
            #expect(abs(month.averageGradePercent - 62.5) < 1e-9)
            #expect(month.gradeDistribution.reduce(0, +) == 4)

            // Cell C sees only the province's quiz, and Hoa's attempt.
            request.unitID = harness.tree.cellC
            let cell = try await harness.learning.getMonthFigures(request, options: try harness.staff)
            #expect(cell.membersTargeted == 2 && cell.completed == 1 && cell.passed == 0)

            // Another month has none; members may not read it; a bad month names the field.
            request.month = "2020-01"
            #expect(try await harness.learning.getMonthFigures(request, options: try harness.staff).membersTargeted == 0)
            #expect(await statusCode { _ = try await harness.learning.getMonthFigures(request, options: try harness.member("Lan")) }
                == .permissionDenied)
            request.month = "2020-13"
            #expect(await statusCode { _ = try await harness.learning.getMonthFigures(request, options: try harness.staff) }
                == .invalidArgument)
        }
    }
}
