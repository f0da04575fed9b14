import Foundation
import ServiceBench
import ServiceKit

// bench-abuse: issue 10's soak. Real `sotay-org` and `sotay-auth` (province preset,
// started as `sotay up` does) serve a well-behaved client alone, then with every
// attack running beside it from 127.0.0.2; the client's p50/p99 and errors and each
// server's peak RSS are compared (docs/benchmarks.md). Loopback only, bounded in time.
//
//   swift run -c release bench-abuse [--seconds S] [--data DIR] [--port P]

let options = BenchOptions.parse(program: "bench-abuse", seconds: 20, maxSeconds: 60, port: 7302, takesInFlight: false)

let runStarted = ContinuousClock.now
let suite = await BenchSuite.startOrExit("bench-abuse", options: options)
let (target, client) = await suite.setUpOrExit("bench-abuse") { suite in
    let member = try await MemberSession.obtain(in: suite)
    let staff = try member.metadata(granting: .committeeStaff, on: member.committeeID, in: suite)
    guard let org = suite.addresses[.org], let auth = suite.addresses[.auth] else { throw BenchError("no addresses") }
    let target = AttackTarget(org: org, auth: auth, staff: staff,
                              administrator: try member.metadata(granting: .administrator, on: member.rootID, in: suite),
                              rootID: member.rootID, committeeID: member.committeeID)
    print("bench-abuse: real sotay-org (pid \(suite.pid(.org))) and sotay-auth (pid \(suite.pid(.auth))), started as `sotay up` does;"
          + " data in \(suite.dataFolder.path)")
    print("member token: \(member.origin); staff and administrator tokens signed with the suite's key")
    return (target, WellBehavedClient(calls: CallTable.calls(member: member, staff: staff), org: org, auth: auth))
}

func peakRSS() -> [ServiceName: Double] {
    Dictionary(uniqueKeysWithValues: suite.services.map { ($0, ProcessStats.statusMiB("VmHWM", of: suite.pid($0)) ?? .nan) })
}

print("well-behaved client: 127.0.0.1, one call every 5 ms, in turn: " + client.calls.map(\.label).joined(separator: ", ")
      + "; \(options.seconds) s per phase")
print("load average before: \(ProcessStats.loadAverage())")
let startUp = ContinuousClock.now - runStarted
let quiet = await client.run(seconds: options.seconds)
let quietRSS = peakRSS()

let attacks: [any Attack] = [
    UnreadSnapshotFlood(), SlowSearchAbandon(), HugeQuerySearch(), ConnectionFlood(), IdleKeepalive(),
    UnreadHealthPipeline(), WrongCodeFlood(),
]
let run = AttackRun(attacks, target: target)
try? await Task.sleep(for: .seconds(2))  // the floods get going before the client measures
let attacked = await client.run(seconds: options.seconds)
let attackersStopping = ContinuousClock.now
let reports = run.finish()
let attackersStopped = ContinuousClock.now - attackersStopping
let attackedRSS = peakRSS()
let alive = suite.services.filter { !(suite.processes[$0]?.hasExited ?? true) }
print("load average after: \(ProcessStats.loadAverage())")
print("")
print("attacks (from 127.0.0.2):")
reports.forEach { print($0) }
print("")
print("phase              |  calls  errors    p50 ms    p99 ms | org peak RSS MiB  auth peak RSS MiB")
for (name, outcome, rss) in [("without attackers", quiet, quietRSS), ("with attackers", attacked, attackedRSS)] {
    print(name.padding(toLength: 18, withPad: " ", startingAt: 0)
          + String(format: " | %6ld  %6ld  %8.2f  %8.2f | %16.1f  %17.1f", outcome.calls, outcome.errors,
                   outcome.latency.p50 / 1000, outcome.latency.p99 / 1000, rss[.org] ?? .nan, rss[.auth] ?? .nan))
    outcome.firstErrors.forEach { print("    error: \($0)") }
}
print("")
func verdict(_ met: Bool) -> String { met ? "met" : "NOT met" }
print("verdict: no error for the well-behaved client with attackers (\(attacked.errors) errors): \(verdict(attacked.errors == 0))")
let ratio = attacked.latency.p99 / quiet.latency.p99
print(String(format: "verdict: its p99 with attackers under 10× without (%.2f ms vs %.2f ms, %.1f×): ",
             attacked.latency.p99 / 1000, quiet.latency.p99 / 1000, ratio) + verdict(ratio < 10))
for service in suite.services {
    let peak = attackedRSS[service] ?? .nan
    print("verdict: \(service.rawValue) peak RSS under 256 MiB (" + String(format: "%.1f", peak) + " MiB): \(verdict(peak < 256))")
}
print("verdict: both servers still running at the end: \(verdict(alive.count == suite.services.count))")
await suite.stop()
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
print(String(format: "time: %.0f s in all (start-up %.0f s, attackers stopping %.0f s)",
             seconds(ContinuousClock.now - runStarted), seconds(startUp), seconds(attackersStopped)))
