import LearningContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

@Suite struct StatisticsTests {
    @Test(arguments: LearningEngine.allCases) func figuresAreExactPerSubtreeWithDrillDownAndRankedUnits(on engine: LearningEngine) async throws {
        try await LearningHarness.run("stats-units", on: engine) { harness in
            let a = try await harness.category("A", questions: 4)
            let quiz = try await harness.quiz([(a.id, 4)]) { $0.maxAttempts = 0 }
            for (name, right) in [("Lan", 3), ("Hung", 1), ("Tuan", 4)] {
                let options = try harness.member(name)
                _ = try await harness.answerAndSubmit(try await harness.start(quiz.id, as: options), right: right,
                                                      as: options)
            }
            // Lan tries again and does worse: her grade is still her highest.
            let lan = try harness.member("Lan")
            _ = try await harness.answerAndSubmit(try await harness.start(quiz.id, as: lan), right: 0, as: lan)
            _ = try await harness.start(quiz.id, as: try harness.member("Hoa"))  // started, never submitted

            var request = GetQuizStatisticsRequest()
            request.quizID = quiz.id
            request.unitID = harness.tree.province
            let province = try await harness.learning.getQuizStatistics(request, options: try harness.staff)
            let whole = try #require(province.unit)
            #expect(whole.membersTargeted == 7)
            #expect(whole.started == 4)
            #expect(whole.completed == 3)
            #expect(whole.passed == 2)
            #expect(abs(whole.averageGradePercent - 200.0 / 3) < 1e-9)
            #expect(whole.gradeDistribution == [0, 0, 1, 0, 0, 0, 0, 1, 0, 1])
            #expect(province.children.map(\.unitID) == [harness.tree.commune, harness.tree.bloc])
            #expect(province.children.map(\.membersTargeted) == [5, 2])
            #expect(province.children.map(\.started) == [3, 1])
            #expect(province.children.map(\.completed) == [3, 0])

            request.unitID = harness.tree.commune
            let commune = try await harness.learning.getQuizStatistics(request, options: try harness.staff)
            #expect(commune.children.map(\.unitID) == [harness.tree.cellB, harness.tree.cellA])
            #expect(commune.children.map(\.passed) == [1, 1])
            #expect(commune.children.map(\.membersTargeted) == [2, 3])
        }
    }

    @Test(arguments: LearningEngine.allCases) func onlySecretariesAndStaffOfTheSubtreeReadStatistics(on engine: LearningEngine) async throws {
        try await LearningHarness.run("stats-rights", on: engine) { harness in
            let a = try await harness.category("A", questions: 1)
            let quiz = try await harness.quiz([(a.id, 1)])
            var request = GetQuizStatisticsRequest()
            request.quizID = quiz.id
            request.unitID = harness.tree.cellA
            #expect(await statusCode {
                _ = try await harness.learning.getQuizStatistics(request, options: try harness.member("Lan"))
            } == .permissionDenied)
            let secretary = try harness.environment.tokens.options(
                "m_sec", [TestTokens.grant(.cellSecretary, harness.tree.cellA)])
            _ = try await harness.learning.getQuizStatistics(request, options: secretary)
            request.unitID = harness.tree.commune
            #expect(await statusCode { _ = try await harness.learning.getQuizStatistics(request, options: secretary) }
                == .permissionDenied)
        }
    }

    @Test(arguments: LearningEngine.allCases) func itemStatisticsFlagQuestionsToReview(on engine: LearningEngine) async throws {
        try await LearningHarness.run("stats-items", on: engine) { harness in
            // One question per category, each with its own behaviour.
            var ids: [String: String] = [:]
            var draws: [(String, Int)] = []
            for name in ["E", "H", "N", "S", "Z"] {
                let category = try await harness.category(name, questions: 1)
                ids[category.questionIDs[0]] = name
                draws.append((category.id, 1))
            }
            let quiz = try await harness.quiz(draws)
            let strong: Set<String> = ["E", "H", "S"]
            let weak: Set<String> = ["E", "N"]
            for (name, right) in [("Lan", strong), ("Hung", strong), ("Tuan", strong), ("Dung", weak), ("Hoa", weak),
                                  ("Binh", weak)] {
                let options = try harness.member(name)
                let attempt = try await harness.start(quiz.id, as: options)
                for question in attempt.questions {
                    let label = ids[question.questionID] ?? ""
                    // H is answered the moment the previous answer is saved.
                    if label != "H" { harness.clock.advance(byMs: 10_000) }
                    try await harness.save(attempt, question, choices: [right.contains(label) ? 0 : 1], as: options)
                }
                _ = try await harness.submit(attempt.id, as: options)
            }
            var request = GetItemStatisticsRequest()
            request.quizID = quiz.id
            request.unitID = harness.tree.province
            let items = try await harness.learning.getItemStatistics(request, options: try harness.staff).items
            let byName = Dictionary(uniqueKeysWithValues: items.map { (ids[$0.questionID] ?? "", $0) })
            #expect(byName["E"]?.reviewReasons == [.tooEasy])
            #expect(byName["Z"]?.reviewReasons == [.tooHard])
            #expect(byName["N"]?.reviewReasons == [.negativeDiscrimination])
            #expect(byName["N"]?.discrimination == -1)
            #expect(byName["H"]?.reviewReasons == [.answeredTooFast])
            #expect(byName["S"]?.reviewReasons == [])
            #expect(byName["S"]?.facility == 0.5)
            #expect(items.allSatisfy { $0.answered == 6 })
        }
    }
}
