import LearningContracts
import RPC
import ServiceTestSupport
import StorePostgres
import Testing
import TestSupport

/// Replicas keep no state of their own: on one PostgreSQL database, whichever replica
/// a call lands on answers as the first would have (Services/learning/README.md).
@Suite struct ReplicaTests {
    /// A second replica on the harness's database, and a four-question quiz for Lan.
    static func secondReplicaAndQuiz(_ harness: LearningHarness) async throws
        -> (other: LearningServiceClient, quiz: Quiz, lan: CallOptions)
    {
        let other = try await harness.replica()
        let a = try await harness.category("A", questions: 4)
        return (other, try await harness.quiz([(a.id, 4)]), try harness.member("Lan"))
    }

    @Test func callsSpreadOverReplicasSaveEveryAnswerAndGradeOnce() async throws {
        try await LearningHarness.run("replica-calls", on: .postgres) { harness in
            let (other, quiz, lan) = try await Self.secondReplicaAndQuiz(harness)
            var start = StartAttemptRequest()
            start.quizID = quiz.id
            start.idempotencyKey = "start-lan"
            let attempt = try await harness.learning.startAttempt(start, options: lan)
            // The app lost the answer and retries on the other replica: the same attempt.
            #expect(try await other.startAttempt(start, options: lan) == attempt)
            // Saves alternate between the replicas; each one counts.
            for (index, question) in attempt.questions.enumerated() {
                try await harness.save(attempt, question, choices: [index < 3 ? 0 : 1], as: lan,
                                       on: index.isMultiple(of: 2) ? other : nil)
            }
            let first = try await harness.submit(attempt.id, as: lan, on: other)
            #expect(first.correctCount == 3)
            harness.clock.advance(byMs: 60_000)
            #expect(try await harness.submit(attempt.id, as: lan) == first)
            #expect(await statusCode {
                try await harness.save(attempt, attempt.questions[3], choices: [0], as: lan, on: other)
            } == .failedPrecondition)
            // It is all in the PostgreSQL database, once.
            let database = try PostgresConnection(url: try #require(harness.storage["SOTAY_LEARNING_DATABASE"]))
            #expect(try database.execute("SELECT state, correct_count FROM attempts") == [["1", "3"]])
            #expect(try database.execute("SELECT count(*) FROM attempt_answers") == [["4"]])
        }
    }

    @Test func submitsRacingOnTwoReplicasGradeTheAttemptOnce() async throws {
        try await LearningHarness.run("replica-race", on: .postgres) { harness in
            let (other, quiz, lan) = try await Self.secondReplicaAndQuiz(harness)
            let attempt = try await harness.start(quiz.id, as: lan)
            for question in attempt.questions { try await harness.save(attempt, question, choices: [0], as: lan) }
            let results = try await withThrowingTaskGroup(of: AttemptResult.self) { group in
                for index in 0..<8 {
                    group.addTask { try await harness.submit(attempt.id, as: lan, on: index.isMultiple(of: 2) ? other : nil) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // One grading: every caller got the same submit time and score.
            #expect(Set(results.map(\.submittedAtMS)).count == 1)
            #expect(results.allSatisfy { $0 == results[0] && $0.correctCount == 4 })
        }
    }
}
