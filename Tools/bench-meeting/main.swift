// bench-meeting: the first evening of the month, when every cell of the province meets
// (Services/meeting/README.md, "Bench"). The real sotay-org and sotay-meeting processes
// (release), org loaded with the province preset; this process drives them over TCP
// with real signed tokens:
//   1. every cell's regular meeting scheduled, then opened (about 2,900);
//   2. the storm: every invited member checks in and votes in the meeting's secret
//      poll (about 60,000 of each), many at once; then nothing lost is checked;
//   3. the root's warning list and subtree statistics, p99;
// with Health/Check on the same process as the baseline of the same run.
import Foundation
import MeetingContracts
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import Synchronization

let arguments = CommandLine.arguments
let workers = arguments.count > 1 ? Int(arguments[1]) ?? 64 : 64
let suite = try await BenchSuite.start(orgPort: 37102, meetingPort: 37104)
defer { suite.stop() }

let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.tokenKeyFile.path))
func options(_ memberID: String, _ role: Role, on unitID: String) throws -> CallOptions {
    var claims = AccessTokenClaims.forRole(role, callerID: memberID, nowMs: WallClock.system.nowMs,
                                           lifetimeMs: AccessTokenCodec.maxLifetimeMs)
    claims.grants[0].unitID = unitID
    claims.unitID = unitID
    return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
}

var configuration = ChannelConfiguration()
configuration.defaultTimeout = .seconds(120)
let orgChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: suite.orgPort)], configuration: configuration)
let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: suite.meetingPort)], configuration: configuration)
let meeting = MeetingServiceClient(channel: channel)

// The tree, as org has it.
func readTree() async throws -> (String, [String]) {
    var snapshot = GetTreeSnapshotRequest()
    snapshot.pageSize = 5_000
    var root = ""
    var cells: [String] = []
    repeat {
        let page = try await OrgServiceClient(channel: orgChannel).getTreeSnapshot(
            snapshot, options: try options("operator", .operator, on: ""))
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
print("province: \(cells.count) cells; meeting-day workers: \(workers)")

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
let scheduled = await LatencyRecorder.run(cells.count, workers: 16) { index in
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
let opened = await LatencyRecorder.run(ids.count, workers: workers) { index in
    var request = OpenMeetingRequest()
    request.meetingID = ids[index]
    _ = try await meeting.openMeeting(request, options: try staffOptions())
}
print("open (roster read again): \(opened.line)")

// The scheduling notices leave days before the meeting, not during it: wait until the
// outbox has delivered them (or deferred them to the morning, at night).
let noticeFile = suite.folder.appendingPathComponent("sotay-meeting/notices.txt").path
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
let prepared = await LatencyRecorder.run(ids.count, workers: 16) { index in
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

// Baseline: the RPC floor of the same process.
let health = await LatencyRecorder.run(20_000, workers: workers) { _ in
    _ = try await channel.unary(path: "/sotay.rpc.v1.Health/Check", request: HealthCheckRequest(),
                                response: HealthCheckResponse.self, idempotent: true, options: CallOptions())
}

// 2. The storm.
let checkIns = await LatencyRecorder.run(seats.count, workers: workers) { index in
    var request = CheckInRequest()
    request.meetingID = seats[index].meetingID
    _ = try await meeting.checkIn(request, options: tokens[index])
}
let votes = await LatencyRecorder.run(seats.count, workers: workers) { index in
    var request = CastVoteRequest()
    request.pollID = seats[index].pollID
    request.option = Int32(index % 2)
    _ = try await meeting.castVote(request, options: tokens[index])
}

// Nothing lost: close every meeting; the root's statistics count every check-in, and
// every poll every vote.
_ = await LatencyRecorder.run(ids.count, workers: workers) { index in
    var request = CloseMeetingRequest()
    request.meetingID = ids[index]
    _ = try await meeting.closeMeeting(request, options: try staffOptions())
}
let stats = try await meeting.getSubtreeStats(monthRequest, options: try staffOptions())
let voters = Mutex(0)
_ = await LatencyRecorder.run(grouped.count, workers: 16) { index in
    guard let pollID = grouped[index].first?.pollID else { return }
    var request = GetPollRequest()
    request.pollID = pollID
    let poll = try await meeting.getPoll(request, options: try staffOptions())
    voters.withLock { $0 += Int(poll.voters) }
}
let acknowledgedCheckIns = checkIns.calls - checkIns.failures
let acknowledgedVotes = votes.calls - votes.failures

// 3. Oversight of the whole province.
let warnings = await LatencyRecorder.run(300, workers: 4) { _ in
    _ = try await meeting.listWarningCells(monthRequest, options: try staffOptions())
}
let statistics = await LatencyRecorder.run(300, workers: 4) { _ in
    _ = try await meeting.getSubtreeStats(monthRequest, options: try staffOptions())
}

print("""
    Health/Check (baseline)       \(health.line)
    check-in storm                \(checkIns.line)
    vote storm (secret polls)     \(votes.line)
    check-in p99 / Health p99     \(String(format: "%.1f×", checkIns.percentile(0.99) / max(health.percentile(0.99), 1e-9)))
    nothing lost                  check-ins acknowledged \(acknowledgedCheckIns), counted \(stats.present); \
    votes acknowledged \(acknowledgedVotes), counted \(voters.withLock { $0 }); \
    \(acknowledgedCheckIns == Int(stats.present) && acknowledgedVotes == voters.withLock { $0 } ? "OK" : "MISMATCH")
    warning list of the root      \(warnings.line) (\(stats.cells) cells)
    subtree statistics of root    \(statistics.line)
    targets: check-in p99 < 20 ms with nothing lost; the root's warning list p99 < 50 ms
    """)
orgChannel.close()
channel.close()
