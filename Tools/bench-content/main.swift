// bench-content: the content service's figures through the real `sotay-content`
// process and its whole interceptor chain, started by ServiceBench as `sotay up` starts
// it (org first with the province preset, then auth and content), with a real member's
// token from auth (MemberSession).
//
//   swift build -c release --product bench-content   # builds sotay-content, sotay-org, sotay-auth, sotay
//   .build/release/bench-content [--documents N] [--calls N] [--data DIR] [--port P]
//
// The first run loads N synthetic documents (default 100,000; realistic lengths,
// ContentSeed) through ImportDocuments into DIR (default ./data/bench-content), and later
// runs reuse them (BenchLibrary). Then it measures, one client's calls in turn: search
// p50/p99 for a common and a rare term and a document number, a feed page, the
// assistant, against the Health/Check round trip in the same run (the RPC floor); the
// publish rate (CreateDraft, Submit, Publish by another editor); the database's size
// and the process's peak memory.
import ContentContracts
import ContentSeed
import Foundation
import OrgSeed
import RPC
import RPCContracts
import ServiceBench
import ServiceKit

let options = ContentBenchOptions.parse()
let suite: BenchSuite
do {
    suite = try await BenchSuite.start(dataFolder: options.dataFolder, firstPort: options.port, services: [.auth, .content])
} catch {
    print("bench-content: \(error)")
    exit(1)
}
let tokens = await suite.setUpOrExit("bench-content") { suite in
    StaffTokens(member: try await MemberSession.obtain(in: suite), suite: suite)
}
let rootID = tokens.member.rootID
let channel = RPCChannel(addresses: [suite.addresses[.content] ?? HostPort(host: "127.0.0.1", port: options.port + 2)],
                         configuration: ChannelConfiguration(defaultTimeout: .seconds(120)))
let client = ContentServiceClient(channel: channel)

let library = BenchLibrary(suite: suite, client: client) {
    CallOptions(metadata: try tokens.metadata(memberID: "m_bench_editor", role: .editor, on: rootID))
}
let load = await suite.setUpOrExit("bench-content") { _ in try await library.load(upTo: options.documents) }

// The publish rate: the whole workflow per item, 16 editors' calls in flight. The
// items stay: every run adds this many news items to the feed.
let publishCount = 500
// Nobody approves their own draft: the approver is another member of the root.
let (editor, approver) = await suite.setUpOrExit("bench-content") { _ in
    (try tokens.metadata(memberID: "m_bench_editor", role: .editor, on: rootID),
     try tokens.metadata(memberID: "m_bench_approver", role: .editor, on: rootID))
}
let publishStarted = ContinuousClock.now
await suite.setUpOrExit("bench-content") { _ in
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<16 {
            group.addTask {
                for index in stride(from: worker, to: publishCount, by: 16) {
                    var draft = CreateDraftRequest()
                    draft.unitID = rootID
                    draft.kind = .news
                    var news = ItemContent()
                    news.title = "Tin số \(index) về sinh hoạt chi bộ"
                    news.classification = .public
                    news.body = SyntheticLibrary.generate(count: 1, seed: UInt64(index), maxLevel: 0)[0].content.body
                    draft.content = news
                    let item = try await client.createDraft(draft, options: CallOptions(metadata: editor))
                    var step = WorkflowRequest()
                    step.itemID = item.id
                    _ = try await client.submitForReview(step, options: CallOptions(metadata: editor))
                    _ = try await client.publish(step, options: CallOptions(metadata: approver))
                }
            }
        }
        try await group.waitForAll()
    }
}
let publishSeconds = (ContinuousClock.now - publishStarted).inSeconds

func search(_ query: String) -> SearchRequest {
    var request = SearchRequest()
    request.query = query
    request.pageSize = 10
    return request
}
// The member's session is obtained (refreshed) again here: a first run's load outlasts an access token.
let member = await suite.setUpOrExit("bench-content") { suite in try await MemberSession.obtain(in: suite) }
let memberOptions = CallOptions(metadata: member.metadata)
let questions = AssistantQuestions.all
var feed = ListFeedRequest()
feed.pageSize = 20
let loadBefore = ProcessStats.loadAverage()
let runs = [
    await CallLatencies.measure("Health/Check (RPC floor)", calls: options.calls) { _ in
        _ = try await channel.unary(path: HealthMethod.check, request: HealthCheckRequest(),
                                    response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
    },
    await CallLatencies.measure("Search common \"nghi quyet\"", calls: options.calls) { _ in
        _ = try await client.search(search("nghi quyet"), options: memberOptions)
    },
    await CallLatencies.measure("Search rare \"suoi giang\"", calls: options.calls) { _ in
        _ = try await client.search(search("suoi giang"), options: memberOptions)
    },
    await CallLatencies.measure("Search number \"77 KL TU\"", calls: options.calls) { _ in
        _ = try await client.search(search("77 KL TU"), options: memberOptions)
    },
    await CallLatencies.measure("ListFeed page of 20", calls: options.calls) { _ in
        _ = try await client.listFeed(feed, options: memberOptions)
    },
    await CallLatencies.measure("Ask (42 questions in turn)", calls: options.calls) { index in
        var ask = AskRequest()
        ask.question = questions[index % questions.count].question
        _ = try await client.ask(ask, options: memberOptions)
    },
]

let databaseFolder = suite.dataFolder.appendingPathComponent(ServiceName.content.rawValue)
let databaseBytes = ((try? FileManager.default.contentsOfDirectory(at: databaseFolder, includingPropertiesForKeys: [.fileSizeKey])) ?? [])
    .filter { !$0.hasDirectoryPath }
    .reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
print("")
print("bench-content: real sotay-org, sotay-auth and sotay-content (pid \(suite.pid(.content))) started as `sotay up` does; data in \(suite.dataFolder.path)")
print("member token: \(member.origin); load average before: \(loadBefore), after: \(ProcessStats.loadAverage())")
print("content, \(library.loaded) documents (+ \(publishCount) news published per run), \(options.calls) calls each, one client")
print("call                                  p50 ms    p99 ms")
for run in runs { print(run.line) }
let floor = runs[0].p50Ms
print(String(format: "p50 as a multiple of the RPC floor: search common %.1f×, rare %.1f×, feed %.1f×, ask %.1f×",
             runs[1].p50Ms / floor, runs[2].p50Ms / floor, runs[4].p50Ms / floor, runs[5].p50Ms / floor))
if load.documents > 0 {
    print(String(format: "import: %.0f documents/s (%d in %.1f s)", Double(load.documents) / load.seconds, load.documents, load.seconds))
}
print(String(format: "publish (draft, submit, publish): %.0f items/s", Double(publishCount) / publishSeconds))
print(String(format: "database: %.1f MiB; sotay-content peak memory: %.1f MiB", Double(databaseBytes) / 1_048_576,
             ProcessStats.statusMiB("VmHWM", of: suite.pid(.content)) ?? 0))
let searchP99 = max(runs[1].p99Ms, runs[2].p99Ms, runs[3].p99Ms)
print(String(format: "targets: search p99 %.2f ms (need < 20), feed p99 %.2f ms (need < 5), ask p99 %.2f ms (need < 50)",
             searchP99, runs[4].p99Ms, runs[5].p99Ms))
channel.close()
await suite.stop()
