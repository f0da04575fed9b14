import MeetingContracts
import RPC

/// What the cell's secretary does in the meeting service: schedules this evening's
/// meeting, opens it, puts a question to the vote, and afterwards closes the poll and
/// the meeting and records and approves the minutes.
struct SecretarysDesk {
    let suite: RunningSuite
    let secretary: CallOptions

    /// A regular meeting starting in an hour (every member of the cell is invited).
    func scheduleMeeting(of cell: JourneyCell) async throws -> Meeting {
        var template = MeetingTemplate()
        (template.kind, template.title, template.place) = (.regular, "Sinh hoạt chi bộ tháng 12", "Nhà văn hóa thôn Khe Hóp")
        var request = ScheduleMeetingsRequest()
        (request.cellID, request.template, request.idempotencyKey) = (cell.cellID, template, "december")
        request.when = .startsAtMS(JourneyClock.nowMs + 3_600_000)
        // Meeting follows org's tree: the cell may not be there for a moment yet.
        let scheduled = try await retrying(unitNotKnownYet) {
            try await suite.meeting.scheduleMeetings(request, options: secretary)
        }
        guard let meeting = scheduled.meetings.first else { throw SystemTestError("ScheduleMeetings answered no meeting") }
        return meeting
    }

    func open(_ meetingID: String) async throws -> Meeting {
        var request = OpenMeetingRequest()
        request.meetingID = meetingID
        return try await suite.meeting.openMeeting(request, options: secretary)
    }

    func createPoll(in meetingID: String, _ question: String, options: [String], key: String) async throws -> Poll {
        var request = CreatePollRequest()
        (request.meetingID, request.question, request.options, request.idempotencyKey) = (meetingID, question, options, key)
        return try await suite.meeting.createPoll(request, options: secretary)
    }

    /// Closes the poll and the meeting, records the minutes and approves them.
    func finish(_ meetingID: String, poll pollID: String, minutes: String, conclusions: String) async throws -> Minutes {
        var closePoll = ClosePollRequest()
        closePoll.pollID = pollID
        _ = try await suite.meeting.closePoll(closePoll, options: secretary)
        var close = CloseMeetingRequest()
        close.meetingID = meetingID
        _ = try await suite.meeting.closeMeeting(close, options: secretary)
        var record = RecordMinutesRequest()
        (record.meetingID, record.text, record.conclusions, record.expectedRevision) = (meetingID, minutes, conclusions, 0)
        let recorded = try await suite.meeting.recordMinutes(record, options: secretary)
        var approve = ApproveMinutesRequest()
        (approve.meetingID, approve.revision) = (meetingID, recorded.revision)
        return try await suite.meeting.approveMinutes(approve, options: secretary)
    }
}
