import Foundation
import MeetingContracts
import RPC
import ServiceKit
import ServiceToolkit

/// `sotay app meetings|checkin|vote|polls|minutes|schedule|open|close|templates …`: the member's
/// and the secretary's side of the meeting service, called with the `sotay app`
/// session's token (a secretary's grants come from auth, `GrantRole`).
struct MeetingAppCommand {
    static let verbs: Set<String> = ["meetings", "checkin", "vote", "polls", "minutes", "schedule", "open", "close",
                                     "templates", "save-template", "delete-template", "schedule-template"]

    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    func run() async throws -> Int32 {
        let client = MeetingServiceClient(channel: try environment.channel(to: .meeting))
        let options = try bearer()
        switch (arguments.first, arguments.count) {
        case ("meetings", 1), ("meetings", 2):
            let month = arguments.count == 2 ? arguments[1] : ReportMonth.of(nowMs: WallClock.system.nowMs)
            guard let bounds = try? ReportMonth(checking: month) else { throw CLIError.usage("meetings [YYYY-MM]") }
            var request = ListMyMeetingsRequest()
            (request.fromMS, request.toMS, request.pageSize) = (bounds.startMs, bounds.endMs, 100)
            let list = try await call { try await client.listMyMeetings(request, options: options) }
            if list.meetings.isEmpty { print("no meetings in \(month)") }
            for meeting in list.meetings { print(Self.line(meeting)) }
        case ("checkin", 2), ("checkin", 3):
            var request = CheckInRequest()
            request.meetingID = arguments[1]
            request.memberID = arguments.count == 3 ? arguments[2] : ""
            let entry = try await call { try await client.checkIn(request, options: options) }
            print("\(entry.fullName): present\(entry.byProxy ? " (checked in by the secretary, \(entry.recordedBy))" : "")")
        case ("polls", 2):
            var request = ListPollsRequest()
            request.meetingID = arguments[1]
            for poll in try await call({ try await client.listPolls(request, options: options) }).polls {
                print(Self.line(poll))
            }
        case ("vote", 3), ("vote", 4):
            guard let option = Int32(arguments[2]) else { throw CLIError.usage("vote POLL_ID OPTION_NUMBER [MEMBER_ID]") }
            var request = CastVoteRequest()
            (request.pollID, request.option) = (arguments[1], option)
            request.memberID = arguments.count == 4 ? arguments[3] : ""
            print(Self.line(try await call { try await client.castVote(request, options: options) }))
        case ("minutes", 2):
            var request = GetMinutesRequest()
            request.meetingID = arguments[1]
            let history = try await call { try await client.getMinutes(request, options: options) }
            if history.revisions.isEmpty { print("no minutes yet") }
            for minutes in history.revisions {
                print("revision \(minutes.revision)\(minutes.approved ? " (approved)" : "") by \(minutes.recordedBy)"
                      + (minutes.reason.isEmpty ? "" : ", reason: \(minutes.reason)"))
                print(minutes.text)
                if !minutes.conclusions.isEmpty { print("Kết luận: \(minutes.conclusions)") }
            }
        case ("minutes", 4) where arguments[2] == "approve":
            var request = ApproveMinutesRequest()
            request.meetingID = arguments[1]
            guard let revision = Int32(arguments[3]) else { throw CLIError.usage("minutes MEETING_ID approve REVISION") }
            request.revision = revision
            let minutes = try await call { try await client.approveMinutes(request, options: options) }
            print("revision \(minutes.revision) approved")
        case ("minutes", 5) where arguments[2] == "record", ("minutes", 6) where arguments[2] == "record":
            var history = GetMinutesRequest()
            history.meetingID = arguments[1]
            let current = try await call { try await client.getMinutes(history, options: options) }.revisions.last
            var request = RecordMinutesRequest()
            (request.meetingID, request.text, request.conclusions) = (arguments[1], arguments[3], arguments[4])
            request.reason = arguments.count == 6 ? arguments[5] : ""
            request.expectedRevision = current?.revision ?? 0
            let minutes = try await call { try await client.recordMinutes(request, options: options) }
            print("minutes recorded as revision \(minutes.revision)")
        case ("schedule", 6),
             ("schedule", 9) where arguments[2] == "year":
            var request = ScheduleMeetingsRequest()
            request.cellID = arguments[1]
            request.when = try Self.when(arguments[2..<(arguments.count - 2)])
            request.template = Self.template(title: arguments[arguments.count - 2], place: arguments[arguments.count - 1])
            try await schedule(request, client: client, options: options)
        case ("schedule-template", 5),
             ("schedule-template", 8) where arguments[3] == "year":
            var request = ScheduleMeetingsRequest()
            (request.templateName, request.cellID) = (arguments[1], arguments[2])
            request.when = try Self.when(arguments[3...])
            try await schedule(request, client: client, options: options)
        case ("templates", 2):
            var request = ListTemplatesRequest()
            request.unitID = arguments[1]
            let list = try await call { try await client.listTemplates(request, options: options) }
            if list.templates.isEmpty { print("no templates for \(arguments[1]) or the units above it") }
            for saved in list.templates { print(Self.line(saved)) }
        case ("save-template", let count) where count >= 5:
            var request = SaveTemplateRequest()
            (request.unitID, request.name) = (arguments[1], arguments[2])
            var template = Self.template(title: arguments[3], place: arguments[4])
            template.agenda = arguments[5...].map { title in
                var item = AgendaItem()
                item.title = title
                return item
            }
            request.template = template
            print(Self.line(try await call { try await client.saveTemplate(request, options: options) }))
        case ("delete-template", 3):
            var request = DeleteTemplateRequest()
            (request.unitID, request.name) = (arguments[1], arguments[2])
            _ = try await call { try await client.deleteTemplate(request, options: options) }
            print("template \"\(arguments[2])\" of \(arguments[1]) deleted")
        case ("open", 2):
            var request = OpenMeetingRequest()
            request.meetingID = arguments[1]
            print(Self.line(try await call { try await client.openMeeting(request, options: options) }))
        case ("close", 2):
            var request = CloseMeetingRequest()
            request.meetingID = arguments[1]
            print(Self.line(try await call { try await client.closeMeeting(request, options: options) }))
        default:
            throw CLIError.usage("cannot read 'app \(arguments.joined(separator: " "))'")
        }
        return 0
    }

    /// When a schedule command's meetings are: `YYYY-MM-DD HH:MM` (one), or
    /// `year YYYY-MM WEEKDAY ORDINAL HH:MM` (twelve monthly ones).
    static func when(_ words: ArraySlice<String>) throws -> ScheduleMeetingsRequest.When {
        let words = Array(words)
        if words.count == 2 {
            guard let at = instant(date: words[0], time: words[1]) else {
                throw CLIError.usage("schedule … YYYY-MM-DD HH:MM …")
            }
            return .startsAtMS(at)
        }
        guard words.count == 5, words[0] == "year", let weekday = Int32(words[2]), let ordinal = Int32(words[3]) else {
            throw CLIError.usage("schedule … year YYYY-MM WEEKDAY(1-7) ORDINAL(1-4|-1) HH:MM …")
        }
        var recurrence = MonthlyRecurrence()
        (recurrence.firstMonth, recurrence.months) = (words[1], 12)
        (recurrence.weekday, recurrence.ordinal, recurrence.timeOfDay) = (weekday, ordinal, words[4])
        return .monthly(recurrence)
    }

    /// Schedules with a fresh idempotency key (a retry of this command schedules anew;
    /// the channel's own retries do not) and prints the meetings.
    private func schedule(_ request: ScheduleMeetingsRequest, client: MeetingServiceClient,
                          options: CallOptions) async throws {
        var request = request
        request.idempotencyKey = "sotay-app-\(UUID().uuidString)"
        for meeting in try await call({ try await client.scheduleMeetings(request, options: options) }).meetings {
            print(Self.line(meeting))
        }
    }

    private func bearer() throws -> CallOptions {
        guard let metadata = session.accessMetadata() else {
            throw CLIError(description: "no session yet: `sotay app confirm` or `sotay app login-code` first")
        }
        return CallOptions(metadata: metadata)
    }

    private func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            throw CLIError(description: error.description)
        }
    }

    static func template(title: String, place: String) -> MeetingTemplate {
        var template = MeetingTemplate()
        (template.kind, template.title, template.place) = (.regular, title, place)
        return template
    }

    static func line(_ meeting: Meeting) -> String {
        "\(meeting.id)  \(vietnamTime(meeting.startsAtMS))  \(meeting.state)  \(meeting.title), \(meeting.place)"
            + "  (\(meeting.checkedIn)/\(meeting.invited) present)"
    }

    static func line(_ saved: SavedTemplate) -> String {
        let template = saved.template ?? MeetingTemplate()
        return "\(saved.unitID)  \"\(saved.name)\"  \(template.title), \(template.place)"
            + "  agenda: \(template.agenda.map(\.title).joined(separator: "; "))"
    }

    static func line(_ poll: Poll) -> String {
        let options = poll.options.enumerated().map { index, option in
            "\(index)=\(option)" + (poll.closed ? ": \(poll.counts.count > index ? poll.counts[index] : 0)" : "")
        }
        return "\(poll.id)  \(poll.question)  [\(options.joined(separator: ", "))]  \(poll.voters) voted"
            + (poll.secret ? ", secret" : "") + (poll.closed ? ", closed" : ", open") + (poll.voted ? ", you voted" : "")
    }

    static let vietnam = TimeZone(secondsFromGMT: 7 * 3600) ?? TimeZone.current

    static func vietnamTime(_ ms: Int64) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = vietnam
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// A Vietnam wall time, "YYYY-MM-DD" and "HH:MM".
    static func instant(date: String, time: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.timeZone = vietnam
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: "\(date) \(time)").map { Int64($0.timeIntervalSince1970 * 1000) }
    }
}
