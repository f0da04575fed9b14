// bench-meeting: the first evening of the month, when every cell of the province meets
// (Services/meeting/README.md, "Bench"). The real sotay-org and sotay-meeting processes
// (release), org loaded with the province preset; this process drives them over TCP
// with real signed tokens:
//   1. every cell's regular meeting scheduled, then opened (about 2,900);
//   2. the storm: every invited member checks in and votes in the meeting's secret
//      poll (about 60,000 of each), many at once; then nothing lost is checked;
//   3. the root's warning list and subtree statistics, p99;
// with Health/Check on the same process as the baseline of the same run.
// bench-meeting: the first evening of the month, when every cell of the province meets
// (Services/meeting/README.md, "Bench"). The real sotay-org and sotay-meeting of this
// build, started by ServiceBench as `sotay up` starts them, org loaded with the province
// preset; this process drives them over TCP with tokens signed with the suite's key:
//   1. every cell's regular meeting scheduled, then opened (about 2,900);
//   2. the storm: every invited member checks in, then votes in the meeting's secret
//      poll (about 57,000 of each), cells interleaved, arriving at a steady rate so that
//      all of them come within `--seconds` (default 60: the whole province in one
//      minute), at most `--in-flight` waiting for an answer; then nothing lost is checked;
//   3. the root's warning list and subtree statistics, 4 callers at a time, p99;
// with Health/Check on the same process, at the storm's rate, as the baseline.
//
//   swift build -c release --product bench-meeting
//   .build/release/bench-meeting [--seconds S] [--in-flight N] [--data DIR] [--port P]
import Foundation
import MeetingContracts
import OrgContracts
import RPC
import RPCContracts
import ServiceBench
import ServiceKit
import Synchronization

let options = BenchOptions.parse(program: "bench-meeting", seconds: 60, maxSeconds: 600, port: 7542, takesInFlight: true)
// Org and its seeded province are kept between runs; the meeting service starts empty.
try? FileManager.default.removeItem(at: options.dataFolder.appendingPathComponent(ServiceName.meeting.rawValue))
let suite = await BenchSuite.startOrExit("bench-meeting", options: options, services: [.meeting])
let (codec, operatorOptions) = await suite.setUpOrExit("bench-meeting") { suite in
    (AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.keys.token.path)),
     CallOptions(metadata: try suite.operatorMetadata()))
}
func options(_ memberID: String, _ role: Role, on unitID: String) throws -> CallOptions {
    var claims = AccessTokenClaims.forRole(role, callerID: memberID, nowMs: WallClock.system.nowMs,
                                           lifetimeMs: AccessTokenCodec.maxLifetimeMs)
    claims.grants[0].unitID = unitID
    claims.unitID = unitID
    return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
}

var configuration = ChannelConfiguration()
configuration.defaultTimeout = .seconds(120)
let orgChannel = suite.channel(to: .org)
let channel = RPCChannel(addresses: [suite.addresses[.meeting] ?? HostPort(host: "127.0.0.1", port: 7104)],
                         configuration: configuration)
let meeting = MeetingServiceClient(channel: channel)
let meetingPID = suite.pid(.meeting)

// The tree, as org has it.
func readTree() async throws -> (String, [String]) {
    var snapshot = GetTreeSnapshotRequest()
    snapshot.pageSize = 5_000
    var root = ""
    var cells: [String] = []
    repeat {
        let page = try await OrgServiceClient(channel: orgChannel).getTreeSnapshot(snapshot, options: operatorOptions)
        for unit in page.units where unit.state == .active {
            if unit.parentID.isEmpty { root = unit.id }
            if unit.kind == .cell || unit.kind == .grassrootsCell { cells.append(unit.id) }
        }
        snapshot.pageToken = page.nextPageToken
    } while !snapshot.pageToken.isEmpty
    return (root, cells)
}
let (rootID, cells) = try await readTree()
/// Committee staff of the province, signed afresh for each call (a phase may outlast a token).
func staffOptions() throws -> CallOptions { try options("m_bench_staff", .committeeStaff, on: rootID) }
print("province: \(cells.count) cells; data in \(suite.dataFolder.path); load average \(ProcessStats.loadAverage())")

// Wait until the meeting service's replica holds every cell.
let startsAt = WallClock.system.nowMs + 3_600_000
let month: String = {
    let formatter = DateFormatter()
    formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
    formatter.dateFormat = "yyyy-MM"
    return formatter.string(from: Date(timeIntervalSince1970: Double(startsAt) / 1000))
}()
let monthRequest: MonthRequest = {
    var request = MonthRequest()
    (request.unitID, request.month) = (rootID, month)
    return request
}()
while (try? await meeting.listWarningCells(monthRequest, options: try staffOptions()))?.cells ?? 0 < cells.count {
    try await Task.sleep(for: .milliseconds(500))
}

// 1. Schedule and open every cell's meeting.
let meetingIDs = Mutex<[Int: String]>([:])
let scheduled = await CallPhase.run(cells.count, inFlight: 16) { index in
    var request = ScheduleMeetingsRequest()
    request.cellID = cells[index]
    var template = MeetingTemplate()
    (template.kind, template.title, template.place) = (.regular, "Sinh hoạt chi bộ thường kỳ", "Hội trường")
    request.template = template
    request.when = .startsAtMS(startsAt)
    let id = try await meeting.scheduleMeetings(request, options: try staffOptions()).meetings[0].id
    meetingIDs.withLock { $0[index] = id }
}
print("schedule (roster and phones from org, notices queued): \(scheduled.line)")
let ids = meetingIDs.withLock { map in (0..<cells.count).compactMap { map[$0] } }
let opened = await CallPhase.run(ids.count, inFlight: 16) { index in
    var request = OpenMeetingRequest()
    request.meetingID = ids[index]
    _ = try await meeting.openMeeting(request, options: try staffOptions())
}
print("open (roster read again): \(opened.line)")

// The scheduling notices leave days before the meeting, not during it: wait until the
// outbox has delivered them (or deferred them to the morning, at night).
let noticeFile = suite.dataFolder.appendingPathComponent("meeting/notices.txt").path
var deliveredBytes = -1
while true {
    try await Task.sleep(for: .seconds(2))
    let size = ((try? FileManager.default.attributesOfItem(atPath: noticeFile))?[.size] as? Int) ?? 0
    if size == deliveredBytes { break }
    deliveredBytes = size
}

// Who is invited, and a secret poll in each meeting.
struct Seat: Sendable {
    let meetingID: String
    let pollID: String
    let memberID: String
    let cellID: String
}
let seatsByMeeting = Mutex<[[Seat]]>([])
let prepared = await CallPhase.run(ids.count, inFlight: 16) { index in
    var poll = CreatePollRequest()
    (poll.meetingID, poll.question, poll.options, poll.secret) = (ids[index], "Thông qua nghị quyết tháng?", ["Đồng ý", "Không"], true)
    let pollID = try await meeting.createPoll(poll, options: try staffOptions()).id
    var attendance = GetAttendanceRequest()
    attendance.meetingID = ids[index]
    let entries = try await meeting.getAttendance(attendance, options: try staffOptions()).entries
    let seats = entries.map { Seat(meetingID: ids[index], pollID: pollID, memberID: $0.memberID, cellID: cells[index]) }
    seatsByMeeting.withLock { $0.append(seats) }
}
print("polls and rosters read: \(prepared.line)")
// Interleave the cells, as members of every cell arrive at once.
let grouped = seatsByMeeting.withLock { $0 }
let seats: [Seat] = (0..<(grouped.map(\.count).max() ?? 0)).flatMap { position in
    grouped.compactMap { position < $0.count ? $0[position] : nil }
}
let tokens = try seats.map { try options($0.memberID, .member, on: $0.cellID) }

// The storm's shape: every seat arrives once, at a steady rate, within the storm.
let rate = Double(seats.count) / options.seconds
print(String(format: "storm: %d seats (members of %d meetings), %.0f arrivals/s over %.0f s, at most %d in flight",
             seats.count, grouped.count, rate, options.seconds, options.inFlight))

// Baseline: the RPC floor of the same process, at the storm's rate.
let health = await CallPhase.run(min(seats.count, Int(rate * 20)), inFlight: options.inFlight, perSecond: rate, server: meetingPID) { _ in
    _ = try await channel.unary(path: "/sotay.rpc.v1.Health/Check", request: HealthCheckRequest(),
                                response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
}

// 2. The storm.
let checkIns = await CallPhase.run(seats.count, inFlight: options.inFlight, perSecond: rate, server: meetingPID) { index in
    var request = CheckInRequest()
    request.meetingID = seats[index].meetingID
    _ = try await meeting.checkIn(request, options: tokens[index])
}
let votes = await CallPhase.run(seats.count, inFlight: options.inFlight, perSecond: rate, server: meetingPID) { index in
    var request = CastVoteRequest()
    request.pollID = seats[index].pollID
    request.option = Int32(index % 2)
    _ = try await meeting.castVote(request, options: tokens[index])
}

// Nothing lost: close every meeting; the root's statistics count every check-in, and
// every poll every vote.
_ = await CallPhase.run(ids.count, inFlight: 16) { index in
    var request = CloseMeetingRequest()
    request.meetingID = ids[index]
    _ = try await meeting.closeMeeting(request, options: try staffOptions())
}
let stats = try await meeting.getSubtreeStats(monthRequest, options: try staffOptions())
let voters = Mutex(0)
_ = await CallPhase.run(grouped.count, inFlight: 16) { index in
    guard let pollID = grouped[index].first?.pollID else { return }
    var request = GetPollRequest()
    request.pollID = pollID
    let poll = try await meeting.getPoll(request, options: try staffOptions())
    voters.withLock { $0 += Int(poll.voters) }
}
let acknowledgedCheckIns = checkIns.calls - checkIns.failures
let acknowledgedVotes = votes.calls - votes.failures

// 3. Oversight of the whole province.
let warnings = await CallPhase.run(300, inFlight: 4, server: meetingPID) { _ in
    _ = try await meeting.listWarningCells(monthRequest, options: try staffOptions())
}
let statistics = await CallPhase.run(300, inFlight: 4, server: meetingPID) { _ in
    _ = try await meeting.getSubtreeStats(monthRequest, options: try staffOptions())
}

print("""
    Health/Check (baseline)       \(health.line)
    check-in storm                \(checkIns.line)
    vote storm (secret polls)     \(votes.line)
    check-in p99 / Health p99     \(String(format: "%.1f×", checkIns.latency.p99 / max(health.latency.p99, 1e-9)))
    nothing lost                  check-ins acknowledged \(acknowledgedCheckIns), counted \(stats.present); \
    votes acknowledged \(acknowledgedVotes), counted \(voters.withLock { $0 }); \
    \(acknowledgedCheckIns == Int(stats.present) && acknowledgedVotes == voters.withLock { $0 } ? "OK" : "MISMATCH")
    warning list of the root      \(warnings.line) (\(stats.cells) cells)
    subtree statistics of root    \(statistics.line)
    targets: check-in p99 < 20 ms with nothing lost; the root's warning list p99 < 50 ms
    """)
print("load average after: \(ProcessStats.loadAverage())")
orgChannel.close()
channel.close()
await suite.stop()
