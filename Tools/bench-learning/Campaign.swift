import Foundation
import LearningContracts
import RPC
import RPCContracts
import ServiceKit
import Synchronization

/// The campaign: every member starts the quiz, saves each answer one by one and
/// submits, through a channel that spreads calls over every replica; every 50th
/// member submits a second time on another replica (the next one) and must get the
/// same result. Halfway through, `midway` runs once (the bench kills and restarts a
/// replica); calls that meet a dead replica are retried as the app would retry them
/// (start with its idempotency key, saves and submits being naturally idempotent).
struct Campaign: Sendable {
    let learning: LearningServiceClient
    /// One client per replica, for the retried submits.
    let replicas: [LearningServiceClient]
    let quizID: String
    let members: Int
    let concurrency: Int
    let cells: [String]
    let rootID: String
    let codec: AccessTokenCodec
    let latencies: Latencies

    struct Outcome: Sendable {
        var retriedSubmitsMatched = 0
        var retriedSubmitsDiffered = 0
        var callsRetried = 0
    }

    /// What the workers share: the next member to run and the outcomes so far.
    private final class Progress: Sendable {
        let next = Atomic<Int>(0)
        let total = Mutex(Outcome())
    }

    func run(midway: @escaping @Sendable () async throws -> Void) async throws -> Outcome {
        let progress = Progress()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    while true {
                        let index = progress.next.add(1, ordering: .relaxed).oldValue
                        if index >= members { return }
                        // The member at the halfway mark is taken by exactly one worker.
                        if index == members / 2 { Task { try await midway() } }
                        let outcome = try await takeQuiz(member: index)
                        progress.total.withLock { total in
                            total.retriedSubmitsMatched += outcome.retriedSubmitsMatched
                            total.retriedSubmitsDiffered += outcome.retriedSubmitsDiffered
                            total.callsRetried += outcome.callsRetried
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        return progress.total.withLock { $0 }
    }

    private func takeQuiz(member index: Int) async throws -> Outcome {
        var outcome = Outcome()
        let cell = cells[index % cells.count]
        var claims = AccessTokenClaims()
        claims.memberID = "m_B\(index)"
        claims.unitID = cell
        claims.ancestorUnitIDs = [rootID]
        var grant = Grant()
        grant.role = .member
        grant.unitID = cell
        claims.grants = [grant]
        claims.issuedAtMS = WallClock.system.nowMs
        claims.expiresAtMS = claims.issuedAtMS + AccessTokenCodec.maxLifetimeMs
        let options = CallOptions(timeout: .seconds(30),
                                  metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
        var start = StartAttemptRequest()
        start.quizID = quizID
        start.idempotencyKey = "start-\(index)"
        let attempt = try await call("StartAttempt", &outcome) { try await learning.startAttempt(start, options: options) }
        for (position, question) in attempt.questions.enumerated() {
            var save = SaveAnswerRequest()
            save.attemptID = attempt.id
            save.questionID = question.questionID
            // Choice 0 is right in the bench's bank; member i gets i mod 21 right, a spread of scores.
            save.choiceIDs = [position < index % 21 ? 0 : 1]
            _ = try await call("SaveAnswer", &outcome) { try await learning.saveAnswer(save, options: options) }
        }
        var submit = SubmitAttemptRequest()
        submit.attemptID = attempt.id
        let result = try await call("SubmitAttempt", &outcome) { try await learning.submitAttempt(submit, options: options) }
        if index % 50 == 0 {
            let other = replicas[(index / 50 + 1) % replicas.count]
            let again = try await call("SubmitRetry", &outcome) { try await other.submitAttempt(submit, options: options) }
            if again == result { outcome.retriedSubmitsMatched += 1 } else { outcome.retriedSubmitsDiffered += 1 }
        }
        return outcome
    }

    /// One call, timed; retried while the replica is away (connection refused, reset,
    /// or a deadline passed during the restart), for up to two minutes.
    private func call<T>(_ name: String, _ outcome: inout Outcome, _ body: () async throws -> T) async throws -> T {
        let started = ContinuousClock.now
        let deadline = started + .seconds(120)
        while true {
            do {
                let value = try await body()
                latencies.record(name, since: started)
                return value
            } catch let error as RPCError
                where [.unavailable, .deadlineExceeded, .unknown, .cancelled].contains(error.code)
                && ContinuousClock.now < deadline {
                outcome.callsRetried += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
