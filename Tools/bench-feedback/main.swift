import FeedbackContracts
import FeedbackService
import OperatorCLI
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

// bench-feedback: the real sotay-feedback process, started as `sotay up` starts it
// (beside a real sotay-org holding the province preset), driven through RPC from this
// process with real tokens: submits/s with routing, an agency's inbox pages with
// 100,000 items, and the escalation sweep over 1,000,000 items with the p99 of other
// calls while it runs. Baseline in the same run: Health/Check on the same process.
//
//   swift build -c release --product bench-feedback   (and sotay, sotay-org, sotay-feedback)
//   .build/release/bench-feedback [--data DIR] [--submits N] [--inbox N] [--items N]
//       [--overdue N] [--concurrency N] [--port-base P]
//
// Ports default to 27102 (org) and 27106 (feedback), so a suite running on the
// default ports is not disturbed. The org database (DIR/org) is seeded once and
// reused; the feedback database is filled afresh each run.

var settings = ["--data": "./data/bench-feedback", "--submits": "5000", "--inbox": "100000", "--items": "1000000",
                "--overdue": "100000", "--concurrency": "32", "--port-base": "27100"]
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2, settings[arguments[0]] != nil {
    settings[arguments[0]] = arguments[1]
    arguments.removeFirst(2)
}
guard arguments.isEmpty, let submits = Int(settings["--submits"]!), let inboxItems = Int(settings["--inbox"]!),
      let totalItems = Int(settings["--items"]!), let overdue = Int(settings["--overdue"]!),
      let concurrency = Int(settings["--concurrency"]!), let portBase = Int(settings["--port-base"]!),
      inboxItems + overdue <= totalItems else {
    FileHandle.standardError.write(Data("usage: bench-feedback [--data DIR] [--submits N] [--inbox N] [--items N] [--overdue N] [--concurrency N] [--port-base P]\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: settings["--data"]!).standardizedFileURL
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
var keyFiles: [String: String] = [:]
for (variable, name) in [("SOTAY_TOKEN_KEY_FILE", "token.key"), ("SOTAY_ORG_DATA_KEY_FILE", "org-data.key"),
                         ("SOTAY_FEEDBACK_DATA_KEY_FILE", "feedback-data.key")] {
    let path = folder.appendingPathComponent(name).path
    if !FileManager.default.fileExists(atPath: path) {
        FileManager.default.createFile(atPath: path, contents: Data((try TokenKeyRing.newKeyLine(id: "b1") + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
    }
    keyFiles[variable] = path
}
let (orgPort, feedbackPort) = (portBase + 2, portBase + 6)
let orgAddress = ["SOTAY_ORG_ADDR": "127.0.0.1:\(orgPort)"]
let launcher = ServiceLauncher(folder: folder)
let tokens = try SignedTokens(keyFile: keyFiles["SOTAY_TOKEN_KEY_FILE"]!)
print("bench-feedback: \(ProcessInfo.processInfo.activeProcessorCount) cores shared by this client and the services")

let orgProcess = try await launcher.start("org", port: orgPort, environment: keyFiles)
defer { orgProcess.terminate() }
let org = OrgServiceClient(channel: RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: orgPort)]))
var snapshotRequest = GetTreeSnapshotRequest()
snapshotRequest.pageSize = 10_000
func snapshot() async throws -> [OrgUnit] {
    try await org.getTreeSnapshot(snapshotRequest, options: try tokens.options("operator", [(.operator, "")])).units
}
if try await snapshot().isEmpty {
    print("org: loading the province preset (sotay seed --preset province) …")
    guard try launcher.runCLI(["seed", "--preset", "province", "--out", folder.appendingPathComponent("seed").path],
                              environment: keyFiles.merging(orgAddress) { $1 }) == 0 else { throw BenchError("seeding failed") }
}
let units = try await snapshot()
let tree = BenchTree(units: units)
print("org: \(units.count) units, \(tree.cells.count) cells, \(tree.committees.count) committees")

// The feedback database, filled before the process starts.
let feedbackFolder = folder.appendingPathComponent("feedback")
try? FileManager.default.removeItem(at: feedbackFolder)
try FileManager.default.createDirectory(at: feedbackFolder, withIntermediateDirectories: true)
let inboxAgency = tree.agency(of: tree.cells[0], .office)
let fillStarted = ContinuousClock.now
let loader = try await ItemBulkLoader.open(dataDirectory: feedbackFolder.path)
let now = WallClock.system.nowMs
for start in stride(from: 0, to: totalItems, by: ItemBulkLoader.transactionSize) {
    let items = (start..<min(start + ItemBulkLoader.transactionSize, totalItems)).map { index in
        tree.syntheticItem(index, nowMs: now, inInbox: index < inboxItems, agency: inboxAgency,
                           overdue: index >= inboxItems && index < inboxItems + overdue)
    }
    try await loader.insert(items)
}
let filled = try await loader.count()
await loader.close()
print(String(format: "feedback: %d items filled in %.0f s (%d in one agency's inbox, %d overdue)", filled,
             (ContinuousClock.now - fillStarted).seconds, inboxItems, overdue))
let feedbackProcess = try await launcher.start("feedback", port: feedbackPort, environment: keyFiles.merging(orgAddress) { $1 }
    .merging(["SOTAY_FEEDBACK_SWEEP_INTERVAL_MS": "86400000"]) { $1 })
defer { feedbackProcess.terminate() }
var channelConfiguration = ChannelConfiguration()
channelConfiguration.connectionsPerAddress = 2
let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: feedbackPort)], configuration: channelConfiguration)
let feedback = FeedbackServiceClient(channel: channel)
let admin = try tokens.options("m_bench_admin", [(.administrator, tree.root)])
for (category, kind) in [(Category.partyBuilding, AgencyKind.organisationBoard), (.ideology, .propagandaBoard),
                         (.discipline, .inspectionCommission)] {
    var rule = RoutingRule()
    (rule.unitID, rule.category, rule.agencyKind) = (tree.root, category, kind)
    var request = PutRoutingRuleRequest()
    request.rule = rule
    _ = try await feedback.putRoutingRule(request, options: admin)
}
print("")

let health = await Latencies.measure(calls: 5_000, concurrency: concurrency) { _ in
    _ = try await channel.unary(path: HealthMethod.check, request: HealthCheckRequest(),
                                response: HealthCheckResponse.self, idempotent: true, options: CallOptions(timeout: .seconds(60)))
}
print("baseline Health/Check:           \(health.summary)")

let members = try (0..<1_000).map { index in
    let cell = tree.cells[index % tree.cells.count]
    return try tokens.options("m_bench\(index)", [(.member, cell)], unitID: cell, ancestors: tree.ancestors(of: cell))
}
let categories: [Category] = [.partyBuilding, .ideology, .discipline, .administration, .other]
let submitted = await Latencies.measure(calls: submits, concurrency: concurrency) { index in
    var request = SubmitItemRequest()
    request.kind = .question
    request.category = categories[index % categories.count]
    request.title = "Câu hỏi số \(index)"
    request.body = "Nội dung câu hỏi về sinh hoạt chi bộ số \(index)."
    request.idempotencyKey = "bench-\(index)-\(now)"
    _ = try await feedback.submitItem(request, options: members[index % members.count])
}
print("SubmitItem (routed, group commit): \(submitted.summary)")
print(String(format: "  submits/s: %.0f (%.2f× Health/Check's rate)", submitted.perSecond,
             submitted.perSecond / health.perSecond))

let staff = try tokens.options("m_bench_staff", [(.committeeStaff, tree.root)])
let pageTokens = PageTokens(loops: concurrency)
let inbox = await Latencies.measure(calls: 3_000, concurrency: concurrency) { index in
    var request = ListInboxRequest()
    request.agency = inboxAgency
    request.pageToken = pageTokens.next(for: index)
    let page = try await feedback.listInbox(request, options: staff)
    pageTokens.remember(page.nextPageToken, for: index)
}
print("ListInbox, 50 per page, agency with \(inboxItems) items: \(inbox.summary)")
print(String(format: "  p99 %.1f× Health/Check's p99", inbox.percentile(0.99) / health.percentile(0.99)))

let operatorOptions = try tokens.options("operator", [(.operator, "")], timeout: .seconds(3_600))
let sampleIDs = tree.sampleItemIDs(among: totalItems)
@Sendable func otherCall(_ index: Int) async throws {
    if index % 2 == 0 {
        var request = GetItemRequest()
        request.itemID = sampleIDs[index % sampleIDs.count]
        _ = try await feedback.getItem(request, options: staff)
    } else {
        var request = ListInboxRequest()
        request.agency = inboxAgency
        _ = try await feedback.listInbox(request, options: staff)
    }
}
let before = await Latencies.measure(calls: 3_000, concurrency: 8, otherCall)
print("other calls before the sweep (GetItem + ListInbox): \(before.summary)")
let sweepDone = SweepFlag()
let sweepStarted = ContinuousClock.now
async let sweeping: SweepOverdueResponse = {
    defer { sweepDone.set() }
    return try await feedback.sweepOverdue(SweepOverdueRequest(), options: operatorOptions)
}()
let during = await Latencies.measure(concurrency: 8, until: { sweepDone.isSet }, otherCall)
let swept = try await sweeping
let sweepSeconds = (ContinuousClock.now - sweepStarted).seconds
print(String(format: "SweepOverdue over %d items: %d escalated in %.1f s (%.0f items/s)", totalItems + submits,
             swept.escalated, sweepSeconds, Double(swept.escalated) / sweepSeconds))
print("other calls during the sweep:    \(during.summary)")
print(String(format: "  p99 during / before: %.2f×", during.percentile(0.99) / before.percentile(0.99)))
