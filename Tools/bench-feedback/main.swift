import FeedbackContracts
import FeedbackService
import Foundation
import OperatorCLI
import OrgContracts
import RPC
import RPCContracts
import ServiceBench
import ServiceKit

// bench-feedback: the real sotay-feedback process, started by ServiceBench's
// `BenchSuite` as `sotay up` starts it (beside a real sotay-org holding the province
// preset), driven through RPC from this process with tokens signed by the suite's key:
// submits/s with routing, an agency's inbox pages with 100,000 items, and the
// escalation sweep over 1,000,000 items with the p99 of other calls while it runs.
// Baseline in the same run: Health/Check on the same process.
//
//   swift build -c release --product bench-feedback   (builds sotay, sotay-org, sotay-feedback too)
//   .build/release/bench-feedback [--data DIR] [--submits N] [--inbox N] [--items N]
//       [--overdue N] [--concurrency N] [--port P]
//
// Org listens on P (default 27100), feedback on P+1, so a suite running on the default
// ports is not disturbed. Org's database (DIR/org) is seeded once and reused; the
// feedback database (DIR/feedback) is filled afresh each run while feedback is stopped.

var settings = ["--data": "./data/bench-feedback", "--submits": "5000", "--inbox": "100000", "--items": "1000000",
                "--overdue": "100000", "--concurrency": "32", "--port": "27100"]
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2, settings[arguments[0]] != nil {
    settings[arguments[0]] = arguments[1]
    arguments.removeFirst(2)
}
guard arguments.isEmpty, let submits = Int(settings["--submits"] ?? ""), let inboxItems = Int(settings["--inbox"] ?? ""),
      let totalItems = Int(settings["--items"] ?? ""), let overdue = Int(settings["--overdue"] ?? ""),
      let concurrency = Int(settings["--concurrency"] ?? ""), let port = Int(settings["--port"] ?? ""),
      inboxItems + overdue <= totalItems else {
    FileHandle.standardError.write(Data("usage: bench-feedback [--data DIR] [--submits N] [--inbox N] [--items N] [--overdue N] [--concurrency N] [--port P]\n".utf8))
    exit(2)
}
let folder = URL(fileURLWithPath: settings["--data"] ?? "").standardizedFileURL
func startSuite(_ services: [ServiceName]) async -> BenchSuite {
    do {
        return try await BenchSuite.start(dataFolder: folder, firstPort: port, services: services)
    } catch {
        print("bench-feedback: \(error)")
        exit(1)
    }
}
// The background sweep waits a day: `SweepOverdue` runs it when the bench says so.
// ServiceLaunch passes this process's variables on to the services it starts.
setenv("SOTAY_FEEDBACK_SWEEP_INTERVAL_MS", "86400000", 1)
print("bench-feedback: \(ProcessInfo.processInfo.activeProcessorCount) cores shared by this client and the services")

// Org alone first: its tree names the cells and agencies the feedback database is filled with.
let orgOnly = await startSuite([])
let units = await orgOnly.setUpOrExit("bench-feedback") { suite in
    let channel = suite.channel(to: .org)
    defer { channel.close() }
    var request = GetTreeSnapshotRequest()
    request.pageSize = 10_000
    return try await OrgServiceClient(channel: channel)
        .getTreeSnapshot(request, options: CallOptions(metadata: try suite.operatorMetadata())).units
}
await orgOnly.stop()
let tree = BenchTree(units: units)
print("org: \(units.count) units, \(tree.cells.count) cells, \(tree.committees.count) committees")

// The feedback database, filled before its process starts.
let feedbackFolder = folder.appendingPathComponent(ServiceName.feedback.rawValue)
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

let suite = await startSuite([.feedback])
let tokens = try SignedTokens(keyFile: suite.keys.token.path)
var channelConfiguration = ChannelConfiguration()
channelConfiguration.connectionsPerAddress = 2
let channel = RPCChannel(addresses: [suite.addresses[.feedback] ?? HostPort(host: "127.0.0.1", port: port + 1)],
                         configuration: channelConfiguration)
let feedback = FeedbackServiceClient(channel: channel)
// Staff of the root's office handle every office's items below it (the inbox agency's too).
let staff = try tokens.options("m_benchstaff", [])
await suite.setUpOrExit("bench-feedback") { _ in
    let admin = try tokens.options("m_benchadmin", [(.administrator, tree.root)])
    for (category, kind) in [(Category.partyBuilding, AgencyKind.organisationBoard), (.ideology, .propagandaBoard),
                             (.discipline, .inspectionCommission)] {
        var rule = RoutingRule()
        (rule.unitID, rule.category, rule.agencyKind) = (tree.root, category, kind)
        var request = PutRoutingRuleRequest()
        request.rule = rule
        _ = try await feedback.putRoutingRule(request, options: admin)
    }
    var appoint = AppointAgencyStaffRequest()
    appoint.agency = tree.agency(of: tree.root, .office)
    appoint.memberID = "m_benchstaff"
    _ = try await feedback.appointAgencyStaff(appoint, options: admin)
}
print("")

let health = await ClosedLoops.measure(calls: 5_000, concurrency: concurrency) { _ in
    _ = try await channel.unary(path: HealthMethod.check, request: HealthCheckRequest(),
                                response: HealthCheckResponse.self, idempotent: true, options: CallOptions(timeout: .seconds(60)))
}
print("baseline Health/Check:           \(health.summary)")

let members = try (0..<1_000).map { index in
    let cell = tree.cells[index % tree.cells.count]
    return try tokens.options("m_bench\(index)", [(.member, cell)], unitID: cell, ancestors: tree.ancestors(of: cell))
}
let categories: [Category] = [.partyBuilding, .ideology, .discipline, .administration, .other]
let submitted = await ClosedLoops.measure(calls: submits, concurrency: concurrency) { index in
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

/// Closed loops each following next-page tokens through the inbox agency's pages.
func inboxPages(calls: Int, concurrency: Int) async -> ClosedLoops {
    let pageTokens = PageTokens(loops: concurrency)
    return await ClosedLoops.measure(calls: calls, concurrency: concurrency) { index in
        var request = ListInboxRequest()
        request.agency = inboxAgency
        request.pageToken = pageTokens.next(for: index)
        let page = try await feedback.listInbox(request, options: staff)
        pageTokens.remember(page.nextPageToken, for: index)
    }
}
let inbox = await inboxPages(calls: 3_000, concurrency: concurrency)
print("ListInbox, 50 per page, agency with \(inboxItems) items: \(inbox.summary)")
print(String(format: "  p99 %.1f× Health/Check's p99", inbox.latency.p99 / health.latency.p99))
let inboxAlone = await inboxPages(calls: 500, concurrency: 1)
print("ListInbox, one caller (the page's own cost, no queue): \(inboxAlone.summary)")

let operatorOptions = CallOptions(timeout: .seconds(3_600), metadata: try suite.operatorMetadata())
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
let before = await ClosedLoops.measure(calls: 3_000, concurrency: 8, otherCall)
print("other calls before the sweep (GetItem + ListInbox): \(before.summary)")
let sweepDone = SweepFlag()
let sweepStarted = ContinuousClock.now
async let sweeping: SweepOverdueResponse = {
    defer { sweepDone.set() }
    return try await feedback.sweepOverdue(SweepOverdueRequest(), options: operatorOptions)
}()
let during = await ClosedLoops.measure(concurrency: 8, until: { sweepDone.isSet }, otherCall)
let swept = try await sweeping
let sweepSeconds = (ContinuousClock.now - sweepStarted).seconds
print(String(format: "SweepOverdue over %d items: %d escalated in %.1f s (%.0f items/s)", totalItems + submits,
             swept.escalated, sweepSeconds, Double(swept.escalated) / sweepSeconds))
print("other calls during the sweep:    \(during.summary)")
print(String(format: "  p99 during / before: %.2f×", during.latency.p99 / before.latency.p99))
channel.close()
await suite.stop()
