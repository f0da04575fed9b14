// bench-content: the content service's figures through the real `sotay-content`
// process and its whole interceptor chain (token check, logging, metrics), driven from
// this process with real tokens; org runs in this process to give it a tree.
//
//   swift build -c release --product bench-content --product sotay-content
//   .build/release/bench-content [--documents N] [--calls N]
//
// Loads N synthetic documents (default 100,000; realistic lengths, ContentSeed) through
// ImportDocuments, then measures: search p50/p99 for a common and a rare term and a
// document number, a feed page, the assistant, against the Health/Check round trip
// measured in the same run (the RPC floor); the publish rate (CreateDraft, Submit,
// Publish by another editor); the database's size and the process's peak memory.
import ContentContracts
import ContentSeed
import Foundation
import OrgSeed
import OrgService
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport

var documentCount = 100_000
var calls = 500
var arguments = CommandLine.arguments.dropFirst()
while let option = arguments.popFirst() {
    guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
        print("usage: bench-content [--documents N] [--calls N]")
        exit(2)
    }
    switch option {
    case "--documents": documentCount = value
    case "--calls": calls = value
    default:
        print("usage: bench-content [--documents N] [--calls N]")
        exit(2)
    }
}

let (template, tree) = try await OrgFixture.smallTree()
let environment = try TestEnvironment("bench-content", copying: template)
environment.clock.set(toMs: WallClock.system.nowMs)
let org = try await environment.start(OrgServiceDefinition.definition)
// Logging at its default level to a file, as `sotay up` runs it.
let content = try await ContentProcess.start(environment: environment.environment(for: .content, peers: [org]), logFile: environment.folder.url.appendingPathComponent("content.log"))
let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: content.port)],
                         configuration: ChannelConfiguration(defaultTimeout: .seconds(120)))
let client = ContentServiceClient(channel: channel)
let tokens = environment.tokens
let importer = try tokens.options("m_bench_importer", [TestTokens.grant(.editor, tree.province)], unitID: tree.province)
let lan = try tree.options(for: tree.member("Lan"), tokens: tokens)

// Load: the core library, documents holding a rare word, then the synthetic rest.
print("loading \(documentCount) documents into sotay-content (pid \(content.pid)) …")
let units = [tree.province, tree.commune, tree.cellA, tree.bloc, tree.school]
var rare = CoreLibrary.membership.content
rare.title = "Kết luận về phát triển vùng chè Suối Giàng"
rare.number = "77-KL/TU"
var fixed = CoreLibrary.all.map { ($0.kind, $0.content) } + [(ItemKind.conclusion, rare)]
let loadStarted = ContinuousClock.now
var loaded = 0
let chunk = 200
var batchIndex = 0
while loaded < documentCount {
    let size = min(chunk, documentCount - loaded)
    var request = ImportDocumentsRequest()
    let generated = SyntheticLibrary.generate(count: size, seed: UInt64(batchIndex + 1), maxLevel: 0)
    request.documents = generated.enumerated().map { offset, seed in
        var document = ImportedDocument()
        let index = loaded + offset
        let own = index < fixed.count ? fixed[index] : (seed.kind, seed.content)
        document.unitID = units[index % units.count]
        document.kind = own.0
        document.content = own.1
        document.sourceKey = "bench:\(index)"
        return document
    }
    let answer = try await client.importDocuments(request, options: importer)
    guard answer.problems.isEmpty else { throw BenchError("import refused: \(answer.problems[0])") }
    loaded += size
    batchIndex += 1
    if batchIndex % 50 == 0 { print("  \(loaded) documents") }
}
let loadSeconds = (ContinuousClock.now - loadStarted).inSeconds

// The publish rate: the whole workflow per item, 16 editors' calls in flight.
let publishCount = 1_000
let author = try tokens.options("m_bench_author", [TestTokens.grant(.editor, tree.province)], unitID: tree.province)
let approver = try tokens.options("m_bench_approver", [TestTokens.grant(.editor, tree.province)], unitID: tree.province)
let publishStarted = ContinuousClock.now
try await withThrowingTaskGroup(of: Void.self) { group in
    for worker in 0..<16 {
        group.addTask {
            for index in stride(from: worker, to: publishCount, by: 16) {
                var draft = CreateDraftRequest()
                draft.unitID = tree.province
                draft.kind = .news
                var news = ItemContent()
                news.title = "Tin số \(index) về sinh hoạt chi bộ"
                news.classification = .public
                news.body = SyntheticLibrary.generate(count: 1, seed: UInt64(index), maxLevel: 0)[0].content.body
                draft.content = news
                let item = try await client.createDraft(draft, options: author)
                var step = WorkflowRequest()
                step.itemID = item.id
                _ = try await client.submitForReview(step, options: author)
                _ = try await client.publish(step, options: approver)
            }
        }
    }
    try await group.waitForAll()
}
let publishSeconds = (ContinuousClock.now - publishStarted).inSeconds

func search(_ query: String) -> SearchRequest {
    var request = SearchRequest()
    request.query = query
    request.pageSize = 10
    return request
}
let questions = AssistantQuestions.all
var feed = ListFeedRequest()
feed.pageSize = 20
let runs = [
    await Latencies.measure("Health/Check (RPC floor)", calls: calls) { _ in
        _ = try await channel.unary(path: "/sotay.rpc.v1.Health/Check", request: HealthCheckRequest(),
                                    response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
    },
    await Latencies.measure("Search common \"nghi quyet\"", calls: calls) { _ in
        _ = try await client.search(search("nghi quyet"), options: lan)
    },
    await Latencies.measure("Search rare \"suoi giang\"", calls: calls) { _ in
        _ = try await client.search(search("suoi giang"), options: lan)
    },
    await Latencies.measure("Search number \"77 KL TU\"", calls: calls) { _ in
        _ = try await client.search(search("77 KL TU"), options: lan)
    },
    await Latencies.measure("ListFeed page of 20", calls: calls) { _ in
        _ = try await client.listFeed(feed, options: lan)
    },
    await Latencies.measure("Ask (42 questions in turn)", calls: calls) { index in
        var ask = AskRequest()
        ask.question = questions[index % questions.count].question
        _ = try await client.ask(ask, options: lan)
    },
]

print("")
print("content, \(documentCount) documents (+\(publishCount) published news), \(calls) calls each, one client")
print("call                                  p50 ms    p99 ms")
for run in runs { print(run.line) }
let floor = runs[0].p50Ms
print(String(format: "p50 as a multiple of the RPC floor: search common %.1f×, rare %.1f×, feed %.1f×, ask %.1f×",
             runs[1].p50Ms / floor, runs[2].p50Ms / floor, runs[4].p50Ms / floor, runs[5].p50Ms / floor))
print(String(format: "import: %.0f documents/s (%.1f s); publish (draft, submit, publish): %.0f items/s",
             Double(documentCount) / loadSeconds, loadSeconds, Double(publishCount) / publishSeconds))
print(String(format: "database: %.1f MiB; sotay-content peak memory: %.1f MiB",
             Double(content.databaseBytes) / 1_048_576, Double(content.peakResidentBytes ?? 0) / 1_048_576))
let searchP99 = max(runs[1].p99Ms, runs[2].p99Ms, runs[3].p99Ms)
print(String(format: "targets: search p99 %.2f ms (need < 20), feed p99 %.2f ms (need < 5), ask p99 %.2f ms (need < 50)",
             searchP99, runs[4].p99Ms, runs[5].p99Ms))
channel.close()
await content.stop()
await environment.stop()
