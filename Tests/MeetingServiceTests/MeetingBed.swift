import Foundation
import MeetingContracts
import MeetingService
import OrgService
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport

/// A real org holding the small tree and a real meeting service following it, in one
/// test environment with a clock moved by hand. Lan is the secretary of cell A (and a
/// member of it); Mai, also of cell A, has no phone.
struct MeetingBed: Sendable {
    let environment: TestEnvironment
    let tree: OrgFixture.SmallTree
    let client: MeetingServiceClient

    var tokens: TestTokens { environment.tokens }
    var clock: TestClock { environment.clock }

    /// A plain member, by given name.
    func member(_ name: String) throws -> CallOptions {
        try tree.options(for: tree.member(name), tokens: tokens)
    }

    /// The secretary of `cellID`: Lan for cell A, else a member of that cell.
    func secretary(of cellID: String? = nil) throws -> CallOptions {
        let cellID = cellID ?? tree.cellA
        let person = cellID == tree.cellA ? tree.member("Lan") : tree.members(of: cellID)[0]
        return try tokens.options(person.memberID, [TestTokens.grant(.member, cellID), TestTokens.grant(.cellSecretary, cellID)],
                                  unitID: cellID, ancestors: tree.ancestors[cellID] ?? [])
    }

    /// Committee staff of `unitID`'s subtree.
    func staff(of unitID: String) throws -> CallOptions {
        try tokens.options("m_staff1", [TestTokens.grant(.committeeStaff, unitID)])
    }

    var noticeFile: String { environment.folder.path("meeting") + "/" + MeetingServiceDefinition.noticeFileName }

    /// The notice lines delivered so far.
    func notices() -> [String] {
        guard let text = try? String(contentsOfFile: noticeFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// Waits (up to a generous bound) until the delivered notices satisfy `condition`.
    func waitForNotices(_ condition: ([String]) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let lines = notices()
            if condition(lines) { return lines }
            try await Task.sleep(for: .milliseconds(50))
        }
        let lines = notices()
        if condition(lines) { return lines }
        throw BedError("the expected notices were not delivered; delivered: \(lines)")
    }

    /// Schedules one meeting of `cellID` at `startsAt`.
    func schedule(_ cellID: String? = nil, at startsAt: Int64, kind: MeetingKind = .regular,
                  title: String = "Sinh hoạt chi bộ thường kỳ") async throws -> Meeting {
        let cellID = cellID ?? tree.cellA
        var request = ScheduleMeetingsRequest()
        request.cellID = cellID
        request.template = Self.template(kind: kind, title: title)
        request.when = .startsAtMS(startsAt)
        return try await client.scheduleMeetings(request, options: try secretary(of: cellID)).meetings[0]
    }

    static func template(kind: MeetingKind = .regular, title: String = "Sinh hoạt chi bộ thường kỳ") -> MeetingTemplate {
        var template = MeetingTemplate()
        template.kind = kind
        template.title = title
        template.place = "Nhà văn hóa thôn"
        var item = AgendaItem()
        item.title = "Quán triệt nghị quyết"
        item.documentIDs = ["doc_01"]
        template.agenda = [item]
        return template
    }

    func open(_ meeting: Meeting, as options: CallOptions? = nil) async throws -> Meeting {
        var request = OpenMeetingRequest()
        request.meetingID = meeting.id
        return try await client.openMeeting(request, options: try options ?? secretary(of: meeting.cellID))
    }

    func close(_ meeting: Meeting) async throws -> Meeting {
        var request = CloseMeetingRequest()
        request.meetingID = meeting.id
        return try await client.closeMeeting(request, options: try secretary(of: meeting.cellID))
    }

    func checkIn(_ meeting: Meeting, as options: CallOptions, for memberID: String = "") async throws -> AttendanceEntry {
        var request = CheckInRequest()
        request.meetingID = meeting.id
        request.memberID = memberID
        return try await client.checkIn(request, options: options)
    }

    /// Sets the clock to a Vietnam wall time.
    func setClock(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) {
        clock.set(toMs: Self.vietnam(year, month, day, hour, minute))
    }

    static func vietnam(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
        return Int64(date.timeIntervalSince1970 * 1000)
    }
}

struct BedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` with a fresh copy of the small tree, org and the meeting service, the
/// clock first set to 10:00 on Monday 2 March 2026, Vietnam time.
func withMeetingBed(_ body: (MeetingBed) async throws -> Void) async throws {
    let (template, tree) = try await OrgFixture.smallTree()
    let clock = TestClock(startingAt: MeetingBed.vietnam(2026, 3, 2, 10))
    try await withTestEnvironment("meeting", copying: template, clock: clock) { environment in
        let org = try await environment.start(OrgServiceDefinition.definition)
        let meeting = try await environment.start(MeetingServiceDefinition.definition, peers: [org])
        try await body(MeetingBed(environment: environment, tree: tree, client: MeetingServiceClient(channel: meeting.channel)))
    }
}

/// The status code of a call that must fail.
func statusCode(_ call: () async throws -> some Sendable) async -> StatusCode? {
    do {
        _ = try await call()
        return nil
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}

/// The field an INVALID_ARGUMENT names.
func invalidField(_ call: () async throws -> some Sendable) async -> String? {
    do {
        _ = try await call()
        return nil
    } catch let error as RPCError where error.code == .invalidArgument {
        return error.fieldViolations.first?.field
    } catch {
        return nil
    }
}
