// What auth costs: access-token verifications per second on one core against the raw
// HMAC-SHA256 of the same bytes (the floor), and logins per second end to end through
// RPC (send code → read it from the outbox → confirm) against an in-process org and
// auth, with p50/p99 latency. Build and run in release:
//
//     swift build -c release --scratch-path .build-auth --product bench-auth
//     .build-auth/release/bench-auth [seconds per verification phase, default 2] [members, default 2000]
//
// Org and auth share the machine's cores with this load generator; their data lives in
// a fresh folder under the system temporary directory, removed at the end.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let seconds = arguments.first.flatMap { Double($0) } ?? 2
let members = arguments.dropFirst().first.flatMap { Int($0) } ?? 2000
/// Logins at one in flight take this share of the phones; the rest go at `manyInFlight`.
let serialShare = 0.2
let manyInFlight = 32

func row(_ what: String, _ figure: String, _ detail: String = "") {
    print(what.padding(toLength: 50, withPad: " ", startingAt: 0) + figure.padding(toLength: 16, withPad: " ", startingAt: 0)
        + detail)
}

let tokens = try TokenVerificationRun(seconds: seconds).run()
print("bench-auth: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(seconds) s per verification phase\n")
row("measure", "figure", "notes")
row("access-token verify (AccessTokenCodec)", String(format: "%.0f /s", tokens.verificationsPerSecond),
    "one core, \(tokens.tokenBytes)-byte token")
row("raw HMAC-SHA256, same bytes (OpenSSL)", String(format: "%.0f /s", tokens.hmacsPerSecond), "one core, baseline")
row("verify as a share of raw HMAC", String(format: "%.2f", tokens.verificationsPerSecond / tokens.hmacsPerSecond))

let setupStart = ContinuousClock.now
let suite = try await LoginSuite.start(members: members)
let setup = (ContinuousClock.now - setupStart) / .seconds(1)
let serialCount = Int(Double(members) * serialShare)
for (phones, inFlight) in [(suite.phones.prefix(serialCount), 1), (suite.phones.dropFirst(serialCount), manyInFlight)] {
    let logins = try await LoginRun(suite: suite, phones: phones, inFlight: inFlight).run()
    row("logins end to end, \(inFlight) in flight", String(format: "%.0f /s", logins.perSecond),
        String(format: "p50 %.2f ms, p99 %.2f ms over %d logins", logins.p50Ms, logins.p99Ms, logins.logins))
}
print(String(format: "\n(setup: %d members and their issued accounts in %.1f s)", members, setup))
await suite.stop()
