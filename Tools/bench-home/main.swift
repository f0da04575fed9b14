import ContentContracts
import FeedbackContracts
import Foundation
import Gateway
import LearningContracts
import MeetingContracts
import OperatorCLI
import OrgContracts
import RPC
import ServiceBench
import ServiceKit
import Synchronization

// bench-home: the app's home screen as the mobile gateway gathers it (Shared/Gateway's
// HomeScreenClient: org's profile and the summaries of content, meeting, learning and
// feedback, all at once under one deadline), through the real processes of this build
// started as `sotay up` starts them, with the province preset and `sotay up`'s demo
// data, for a real member logged in through auth. Reported against each summary call
// made alone in the same run (the aggregation cannot be faster than its slowest part),
// then with the meeting service stopped (SIGSTOP): the screen still comes, in its budget.
//
//   swift build -c release --product bench-home && .build/release/bench-home [--seconds S] [--data DIR] [--port P]

let options = BenchOptions.parse(program: "bench-home", seconds: 5, maxSeconds: 120, port: 7302, takesInFlight: false)
let suite = await BenchSuite.startOrExit("bench-home", options: options, services: [.auth, .content, .meeting, .learning, .feedback])
let member = await suite.setUpOrExit("bench-home") { suite in
    let marker = suite.dataFolder.appendingPathComponent("demo-data-loaded")
    if !FileManager.default.fileExists(atPath: marker.path) {
        print("first run: loading sotay up's demo data (feedback, a month of meetings, a quiz, the library) …")
        try await DemoData.load(into: suite.services, variables: suite.environment(of: .org))
        FileManager.default.createFile(atPath: marker.path, contents: Data())
    }
    return try await MemberSession.obtain(in: suite)
}

// One channel per service for the whole run, as the gateway keeps them.
let (org, content, meeting, learning, feedback) = (suite.channel(to: .org), suite.channel(to: .content),
                                                   suite.channel(to: .meeting), suite.channel(to: .learning),
                                                   suite.channel(to: .feedback))
let client = HomeScreenClient(org: org, content: content, meeting: meeting, learning: learning, feedback: feedback)
let budget: Duration = .seconds(1)
let memberID = member.claims.memberID

/// Runs `call` from `concurrency` loops for `seconds` after `warmUp` calls; its latencies.
func measure(concurrency: Int, seconds: Double, warmUp: Int = 20, _ call: @escaping @Sendable () async -> Void) async
    -> LatencySummary {
    for _ in 0..<warmUp { await call() }
    let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    let samples = await withTaskGroup(of: [UInt64].self) { group in
        for _ in 0..<concurrency {
            group.addTask {
                var own: [UInt64] = []
                while ContinuousClock.now < end {
                    let began = DispatchTime.now().uptimeNanoseconds
                    await call()
                    own.append(DispatchTime.now().uptimeNanoseconds - began)
                }
                return own
            }
        }
        return await group.reduce(into: []) { $0 += $1 }
    }
    return LatencySummary(nanoseconds: samples)
}

func line(_ label: String, _ summary: LatencySummary, _ note: String = "") -> String {
    label.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%8d %10.2f %10.2f", summary.count, summary.p50 / 1000, summary.p99 / 1000) + (note.isEmpty ? "" : "  " + note)
}

let options1 = CallOptions(timeout: budget, metadata: member.metadata)
var profile = GetMemberRequest()
profile.memberID = memberID
let first = await client.load(memberID: memberID, metadata: member.metadata, budget: budget)
print("bench-home: real sotay-org, -auth, -content, -meeting, -learning, -feedback started as `sotay up` does; data in \(suite.dataFolder.path)")
print("member \(memberID) (\(member.origin)); load average before: \(ProcessStats.loadAverage())")
print("the screen: unread \(first.reading?.unread ?? -1), next meeting \(first.meetings?.nextMeeting?.id ?? "none"), "
      + "open quizzes \(first.study?.openQuizzes.count ?? -1), feedback waiting \(first.feedback?.waiting ?? -1), missing \(first.missing)")
#if DEBUG
let build = "DEBUG build: for trying the bench, not for figures"
#else
let build = "release build"
#endif
print("\(options.seconds) s per line after a warm-up; latency in ms as the gateway sees it (\(build), \(ProcessInfo.processInfo.activeProcessorCount) cores)")
print("call".padding(toLength: 44, withPad: " ", startingAt: 0) + "   calls    p50 ms     p99 ms")

let alone: [(String, @Sendable () async -> Void)] = [
    ("org GetMember (the profile), alone", { _ = try? await OrgServiceClient(channel: org).getMember(profile, options: options1) }),
    ("content GetHomeSummary, alone", { _ = try? await ContentHomeServiceClient(channel: content).getHomeSummary(.init(), options: options1) }),
    ("meeting GetHomeSummary, alone", { _ = try? await MeetingHomeServiceClient(channel: meeting).getHomeSummary(.init(), options: options1) }),
    ("learning GetHomeSummary, alone", { _ = try? await LearningHomeServiceClient(channel: learning).getHomeSummary(.init(), options: options1) }),
    ("feedback GetHomeSummary, alone", { _ = try? await FeedbackHomeServiceClient(channel: feedback).getHomeSummary(.init(), options: options1) }),
]
var slowestAlone = 0.0
for (label, call) in alone {
    let summary = await measure(concurrency: 1, seconds: options.seconds / 2, call)
    slowestAlone = max(slowestAlone, summary.p99)
    print(line(label, summary))
}
for concurrency in [1, 8] {
    let summary = await measure(concurrency: concurrency, seconds: options.seconds) {
        _ = await client.load(memberID: memberID, metadata: member.metadata, budget: budget)
    }
    print(line("home screen, \(concurrency) screen(s) at once", summary,
               concurrency == 1 ? String(format: "p99 %.2f× the slowest part's alone", summary.p99 / slowestAlone) : ""))
}

// The meeting service stops answering (SIGSTOP): every screen waits its whole budget
// for that part, and comes without it.
let stoppedBudget: Duration = .milliseconds(300)
suite.processes[.meeting]?.signal(SIGSTOP)
let incomplete = MissingCount()
let stopped = await measure(concurrency: 1, seconds: options.seconds / 2, warmUp: 0) {
    let screen = await client.load(memberID: memberID, metadata: member.metadata, budget: stoppedBudget)
    if screen.missing.keys.contains(.meeting) && screen.reading != nil { incomplete.add() }
}
suite.processes[.meeting]?.signal(SIGCONT)
print(line("home screen, meeting stopped, budget 300 ms", stopped, "\(incomplete.value) of them without meeting, the rest whole"))
print("load average after: \(ProcessStats.loadAverage())")
for channel in [org, content, meeting, learning, feedback] { channel.close() }
await suite.stop()

/// Screens that came without the stopped service's part, counted across the loops.
final class MissingCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
