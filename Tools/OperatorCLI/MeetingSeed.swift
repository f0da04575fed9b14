import Foundation
import MeetingContracts
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit

/// `sotay up`'s first start, once the province preset is loaded: every cell of the
/// demo province gets its regular meeting in the coming four weeks (19:30, spread over
/// the days), scheduled through the meeting service as the province's committee staff
/// would, so calendars, check-in and the warning list have something to show.
struct MeetingSeed {
    /// Calls in flight at once: enough to be quick, few enough to leave the suite usable.
    static let concurrency = 8

    let environment: OperatorEnvironment

    func run() async throws {
        let orgChannel = try environment.channel(to: .org)
        defer { orgChannel.close() }
        let (rootID, cells) = try await cellsOfTheTree(OrgServiceClient(channel: orgChannel))
        guard !cells.isEmpty else { return }
        let channel = try environment.channel(to: .meeting, timeout: .seconds(60))
        defer { channel.close() }
        let meeting = MeetingServiceClient(channel: channel)
        guard try await waitForTheCells(cells.count, root: rootID, meeting: meeting) else {
            print("first start: the meeting service did not see the province's cells within a minute; no meetings seeded")
            return
        }
        guard try await hasNoMeetings(root: rootID, meeting: meeting) else { return }
        print("first start: scheduling this month's meeting of \(cells.count) cells …")
        let tomorrow = Self.vietnamMidnight(after: Date())
        var failures = 0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for (index, cellID) in cells.enumerated() {
                if index >= Self.concurrency, try await group.next() == false { failures += 1 }
                let day = Int64(index % 28)
                let startsAt = tomorrow + day * 86_400_000 + (19 * 60 + 30) * 60_000
                group.addTask { await schedule(cellID, at: startsAt, meeting: meeting, root: rootID) }
            }
            for try await scheduled in group where !scheduled { failures += 1 }
        }
        print("first start: \(cells.count - failures) meetings scheduled" + (failures > 0 ? ", \(failures) failed" : ""))
    }

    private func schedule(_ cellID: String, at startsAt: Int64, meeting: MeetingServiceClient, root: String) async -> Bool {
        var request = ScheduleMeetingsRequest()
        request.cellID = cellID
        request.template = MeetingAppCommand.template(title: "Sinh hoạt chi bộ thường kỳ", place: "Hội trường chi bộ")
        request.when = .startsAtMS(startsAt)
        request.idempotencyKey = "first-start-\(cellID)"
        do {
            _ = try await meeting.scheduleMeetings(request, options: try staffOptions(root))
            return true
        } catch {
            return false
        }
    }

    /// The root's id and the ids of the active cells, from org's snapshot.
    private func cellsOfTheTree(_ org: OrgServiceClient) async throws -> (String, [String]) {
        var request = GetTreeSnapshotRequest()
        request.pageSize = 5_000
        var root = ""
        var cells: [String] = []
        repeat {
            let options = CallOptions(metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
            let page = try await org.getTreeSnapshot(request, options: options)
            for unit in page.units where unit.state == .active {
                if unit.parentID.isEmpty { root = unit.id }
                if unit.kind == .cell || unit.kind == .grassrootsCell { cells.append(unit.id) }
            }
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return (root, cells)
    }

    /// Waits until the meeting service's copy of the tree holds every cell (it follows
    /// org's feed a few seconds behind the import).
    private func waitForTheCells(_ count: Int, root: String, meeting: MeetingServiceClient) async throws -> Bool {
        var request = MonthRequest()
        request.unitID = root
        request.month = ReportMonth.of(nowMs: WallClock.system.nowMs)
        for _ in 0..<120 {
            if let seen = try? await meeting.listWarningCells(request, options: try staffOptions(root)),
               seen.cells >= count { return true }
            try await Task.sleep(for: .milliseconds(500))
        }
        return false
    }

    private func hasNoMeetings(root: String, meeting: MeetingServiceClient) async throws -> Bool {
        var request = ListSubtreeMeetingsRequest()
        request.unitID = root
        request.fromMS = Int64(Date().timeIntervalSince1970 * 1000)
        request.toMS = request.fromMS + 40 * 86_400_000
        request.pageSize = 1
        return try await meeting.listSubtreeMeetings(request, options: try staffOptions(root)).meetings.isEmpty
    }

    /// Committee staff of the whole province, signed with the suite's key for a few minutes.
    private func staffOptions(_ root: String) throws -> CallOptions {
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: environment.tokenKeyFile))
        var claims = AccessTokenClaims.forRole(.committeeStaff, callerID: "seed:meetings", nowMs: WallClock.system.nowMs,
                                               lifetimeMs: OperatorToken.lifetimeMs)
        claims.grants[0].unitID = root
        return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }

    /// Midnight starting the next day, Vietnam time, in milliseconds.
    static func vietnamMidnight(after date: Date) -> Int64 {
        let offsetMs: Int64 = 7 * 3_600_000
        let dayMs: Int64 = 86_400_000
        let local = Int64(date.timeIntervalSince1970 * 1000) + offsetMs
        return (local / dayMs + 1) * dayMs - offsetMs
    }
}
