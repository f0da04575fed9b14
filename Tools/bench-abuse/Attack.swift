import Foundation
import RPC
import RPCContracts
import ServiceBench
import Synchronization

/// One attack of issue 10: runs on a thread of its own until told to stop (or its own
/// bound is reached) and says what it did.
protocol Attack: Sendable {
    var name: String { get }
    func run(against target: AttackTarget, until stop: StopFlag) -> String
}

/// What the attackers aim at: the services' addresses, the source address they
/// connect from (127.0.0.2, so the well-behaved client's 127.0.0.1 is not the
/// attacker's), and the tokens and units a real attacker with a stolen token could use.
struct AttackTarget: Sendable {
    let org: HostPort
    let auth: HostPort
    let source = "127.0.0.2"
    /// A committee-staff token on `committeeID`.
    let staff: [String: String]
    /// An administrator's token on the root, for province-wide searches and snapshots.
    let administrator: [String: String]
    let rootID: String
    let committeeID: String
}

/// Set once by the main thread; read by the attack threads between their steps.
final class StopFlag: Sendable {
    private let stopped = Atomic<Bool>(false)
    var isSet: Bool { stopped.load(ordering: .relaxed) }
    func set() { stopped.store(true, ordering: .relaxed) }
}

/// Runs every attack on its own thread; `finish()` stops them and collects what each did.
final class AttackRun: Sendable {
    private let stop = StopFlag()
    private let reports = Mutex<[String]>([])
    private let finished = DispatchGroup()

    init(_ attacks: [any Attack], target: AttackTarget) {
        for attack in attacks {
            finished.enter()
            Thread { [self] in
                let summary = attack.run(against: target, until: stop)
                reports.withLock { $0.append("  \(attack.name): \(summary)") }
                finished.leave()
            }.start()
        }
    }

    func finish() -> [String] {
        stop.set()
        finished.wait()
        return reports.withLock { $0.sorted() }
    }
}

/// "12 INVALID_ARGUMENT, 3 OK; 1× read: timed out": what an attacker got back.
func tally(answers: [StatusCode: Int], failures: [String: Int]) -> String {
    let answered = answers.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
    let failed = failures.map { "\($0.value)× \($0.key)" }.sorted().joined(separator: "; ")
    return "answers: \(answered.isEmpty ? "none" : answered)" + (failed.isEmpty ? "" : "; failures: \(failed)")
}

/// Sleeps in short steps until `stop` is set: what an attacker does while it holds on.
func hold(until stop: StopFlag) {
    while !stop.isSet { usleep(50_000) }
}
