import LearningContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

@Suite struct QuizTakingTests {
    @Test(arguments: LearningEngine.allCases) func questionsAreDrawnFromEachCategoryAndNeverCarryTheKey(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-draw", on: engine) { harness in
            let a = try await harness.category("A", questions: 6)
            let b = try await harness.category("B", questions: 4)
            let quiz = try await harness.quiz([(a.id, 3), (b.id, 2)])
            let attempt = try await harness.start(quiz.id, as: try harness.member("Lan"))
            let drawn = attempt.questions.map(\.questionID)
            #expect(drawn.count == 5)
            #expect(Set(drawn).count == 5)
            #expect(drawn.filter(Set(a.questionIDs).contains).count == 3)
            #expect(drawn.filter(Set(b.questionIDs).contains).count == 2)
            // The attempt's bytes hold no explanation and no key field.
            let bytes = String(decoding: attempt.wireEncoded(), as: UTF8.self)
            #expect(!bytes.contains("Vì A đúng"))
            for question in attempt.questions {
                #expect(Set(question.choices.map(\.choiceID)) == [0, 1, 2, 3])
            }
        }
    }

    @Test(arguments: LearningEngine.allCases) func aMemberIsNotGivenAQuestionAgainWhileThePoolAllows(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-no-repeat", on: engine) { harness in
            let a = try await harness.category("A", questions: 6)
            let quiz = try await harness.quiz([(a.id, 2)])
            let lan = try harness.member("Lan")
            var seen: [Set<String>] = []
            for _ in 0..<3 {
                let attempt = try await harness.start(quiz.id, as: lan)
                seen.append(Set(attempt.questions.map(\.questionID)))
                _ = try await harness.submit(attempt.id, as: lan)
            }
            #expect(seen[0].union(seen[1]).union(seen[2]) == Set(a.questionIDs))
            // The pool is used up: the fourth attempt reuses questions, still two distinct ones.
            let fourth = try await harness.start(quiz.id, as: lan)
            #expect(Set(fourth.questions.map(\.questionID)).count == 2)
        }
    }

    @Test(arguments: LearningEngine.allCases) func choicesAreShuffledAcrossAttempts(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-shuffle", on: engine) { harness in
            let a = try await harness.category("A", questions: 40)
            let quiz = try await harness.quiz([(a.id, 40)]) { $0.maxAttempts = 0 }
            let attempt = try await harness.start(quiz.id, as: try harness.member("Lan"))
            let orders = Set(attempt.questions.map { $0.choices.map(\.choiceID) })
            // 40 questions of 4 choices all in one order would happen once in 24^39 draws.
            #expect(orders.count > 1)
        }
    }

    @Test(arguments: LearningEngine.allCases) func aRetriedSubmitReturnsTheFirstResultAndGradesOnce(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-retry", on: engine) { harness in
            let a = try await harness.category("A", questions: 4)
            let quiz = try await harness.quiz([(a.id, 4)])
            let lan = try harness.member("Lan")
            let attempt = try await harness.start(quiz.id, as: lan)
            let first = try await harness.answerAndSubmit(attempt, right: 3, as: lan)
            harness.clock.advance(byMs: 60_000)
            let again = try await harness.submit(attempt.id, as: lan)
            #expect(first == again)
            #expect(first.correctCount == 3)
            #expect(first.scorePercent == 75)
            #expect(first.passed)
            // Answers after the submit are refused and change nothing.
            #expect(await statusCode {
                try await harness.save(attempt, attempt.questions[3], choices: [0], as: lan)
            } == .failedPrecondition)
            var get = GetResultRequest()
            get.attemptID = attempt.id
            #expect(try await harness.learning.getResult(get, options: lan) == first)
        }
    }

    @Test(arguments: LearningEngine.allCases) func theKeyAndExplanationsComeOnlyAfterTheSubmit(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-key", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            let quiz = try await harness.quiz([(a.id, 2)])
            let lan = try harness.member("Lan")
            let attempt = try await harness.start(quiz.id, as: lan)
            var get = GetResultRequest()
            get.attemptID = attempt.id
            #expect(await statusCode { _ = try await harness.learning.getResult(get, options: lan) } == .failedPrecondition)
            let result = try await harness.submit(attempt.id, as: lan)
            #expect(result.review.allSatisfy { $0.explanation == "Vì A đúng" && $0.correctChoiceIDs == [0] })
            // Another member cannot read it, and learns nothing about whether it exists.
            #expect(await statusCode { _ = try await harness.learning.getResult(get, options: try harness.member("Hung")) }
                == .notFound)
        }
    }

    @Test(arguments: LearningEngine.allCases) func answersAfterTheTimeLimitAndGraceAreRefusedAndTheSavedOnesGraded(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-late-saved", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            let quiz = try await harness.quiz([(a.id, 2)]) { quiz in
                quiz.timeLimitSeconds = 600
                quiz.graceSeconds = 60
            }
            let lan = try harness.member("Lan")
            let attempt = try await harness.start(quiz.id, as: lan)
            try await harness.save(attempt, attempt.questions[0], choices: [0], as: lan)
            harness.clock.advance(byMs: 650_000)  // past the limit, within the grace
            try await harness.save(attempt, attempt.questions[1], choices: [1], as: lan)
            harness.clock.advance(byMs: 20_000)  // past the grace
            #expect(await statusCode {
                try await harness.save(attempt, attempt.questions[1], choices: [0], as: lan)
            } == .failedPrecondition)
            let result = try await harness.submit(attempt.id, as: lan)
            #expect(result.late)
            #expect(result.counted)
            #expect(result.correctCount == 1)
        }
    }

    @Test(arguments: LearningEngine.allCases) func aLateSubmitIsNotCountedWhenTheQuizSaysSo(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-late-void", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            let quiz = try await harness.quiz([(a.id, 2)]) { quiz in
                quiz.timeLimitSeconds = 600
                quiz.graceSeconds = 60
                quiz.lateSubmit = .lateNotCounted
            }
            let lan = try harness.member("Lan")
            let attempt = try await harness.start(quiz.id, as: lan)
            try await harness.save(attempt, attempt.questions[0], choices: [0], as: lan)
            try await harness.save(attempt, attempt.questions[1], choices: [0], as: lan)
            harness.clock.advance(byMs: 661_000)
            let result = try await harness.submit(attempt.id, as: lan)
            #expect(result.late)
            #expect(!result.counted)
            #expect(result.correctCount == 0)
            #expect(!result.passed)
        }
    }

    @Test(arguments: LearningEngine.allCases) func anOverrideGivesExtraTimeAndAnExtraAttempt(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-override", on: engine) { harness in
            let a = try await harness.category("A", questions: 4)
            let quiz = try await harness.quiz([(a.id, 1)]) { quiz in
                quiz.timeLimitSeconds = 600
                quiz.maxAttempts = 1
            }
            let lan = try harness.member("Lan")
            let first = try await harness.start(quiz.id, as: lan)
            _ = try await harness.submit(first.id, as: lan)
            #expect(await statusCode { _ = try await harness.start(quiz.id, as: lan) } == .failedPrecondition)
            var request = SetOverrideRequest()
            request.quizID = quiz.id
            request.memberID = harness.tree.member("Lan").memberID
            request.memberUnitID = harness.tree.cellA
            request.extraSeconds = 300
            request.extraAttempts = 1
            _ = try await harness.learning.setOverride(request, options: try harness.staff)
            let second = try await harness.start(quiz.id, as: lan)
            #expect(second.number == 2)
            #expect(second.deadlineMS == second.startedAtMS + 900_000)
        }
    }

    @Test(arguments: LearningEngine.allCases) func theGradingMethodPicksTheGrade(on engine: LearningEngine) async throws {
        for (method, expected) in [(GradingMethod.gradeHighest, 75.0), (.gradeLast, 25.0), (.gradeAverage, 50.0)] {
            try await LearningHarness.run("quiz-grading", on: engine) { harness in
                let a = try await harness.category("A", questions: 8)
                let quiz = try await harness.quiz([(a.id, 4)]) { $0.grading = method }
                let lan = try harness.member("Lan")
                _ = try await harness.answerAndSubmit(try await harness.start(quiz.id, as: lan), right: 3, as: lan)
                let last = try await harness.answerAndSubmit(try await harness.start(quiz.id, as: lan), right: 1, as: lan)
                #expect(last.gradePercent == expected)
            }
        }
    }

    @Test(arguments: LearningEngine.allCases) func aQuizIsTakenOnlyInsideItsWindowAndItsSubtree(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-window", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            var request = CreateQuizRequest()
            let communeQuiz = try await harness.quiz([(a.id, 1)]) { $0.targetUnitID = harness.tree.commune }
            // Hoa is in another branch: the quiz does not exist for her.
            #expect(await statusCode { _ = try await harness.start(communeQuiz.id, as: try harness.member("Hoa")) }
                == .notFound)
            harness.clock.advance(byMs: 8 * 86_400_000)
            #expect(await statusCode { _ = try await harness.start(communeQuiz.id, as: try harness.member("Lan")) }
                == .failedPrecondition)
            var settings = communeQuiz
            settings.id = ""
            settings.closesAtMS = settings.opensAtMS
            request.quiz = settings
            #expect(await refusedField { _ = try await harness.learning.createQuiz(request, options: try harness.staff) }
                == "quiz.closes_at_ms")
        }
    }

    @Test(arguments: LearningEngine.allCases) func aSecretaryTakesAProxyAttemptMarkedAsSuch(on engine: LearningEngine) async throws {
        try await LearningHarness.run("quiz-proxy", on: engine) { harness in
            let a = try await harness.category("A", questions: 2)
            let quiz = try await harness.quiz([(a.id, 2)])
            let proxy = try harness.proxy(for: "Mai")
            let attempt = try await harness.start(quiz.id, as: proxy)
            #expect(attempt.memberID == harness.tree.member("Mai").memberID)
            #expect(attempt.proxyMemberID == "m_secretary1")
            let result = try await harness.answerAndSubmit(attempt, right: 2, as: proxy)
            #expect(result.proxyMemberID == "m_secretary1")
        }
    }
}
