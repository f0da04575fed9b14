import ContentContracts
import FeedbackContracts
import LearningContracts
import MeetingContracts
import RPC
import Testing

/// A member's day (issue 15), against whatever runs the suite (`RunningSuite.start`,
/// or the compose topology): she registers with her party card, logs in with a code,
/// sees her home screen, reads the newest resolution and asks the assistant about it,
/// checks in at her cell's meeting, votes and reads the minutes, takes the study
/// program's quiz, and sends feedback and reads the agency's answer. Every step checks
/// what she sees; the staff's work is done through the services' calls as they would.
enum MembersDay {
    @discardableResult
    static func run(on suite: RunningSuite) async throws -> JourneyCell {
        // The organisation board has the cell, its secretary and the member in the registry.
        let cell = try await JourneyCell.create(in: suite)
        let secretary = try await cell.addMember("Nguyễn Văn Bình", card: "YB-0040001", birthDate: "1970-05-12", in: suite)
        let member = try await cell.addMember("Hoàng Thị Thu Hà", card: "YB-0042137", birthDate: "1986-09-02", in: suite)

        // In the morning she registers in the app with her party card and a code by SMS.
        var app = MemberApp(phone: "0912 000 111", canonicalPhone: "+84912000111", deviceName: "Samsung A12")
        try await app.register(card: "YB-0042137", nameOnCard: "HOANG THI THU HA", birthDate: "1986-09-02", in: suite)
        #expect(app.memberID == member.id)

        // Meanwhile the staff prepare her day: a resolution, this evening's meeting, the study.
        let resolution = try await EditorsDesk.publishResolution(in: cell, suite: suite)
        let meetingDesk = SecretarysDesk(suite: suite, secretary: try cell.secretary(secretary.id))
        let meeting = try await meetingDesk.scheduleMeeting(of: cell)
        let study = try await StudyDesk.prepare(for: resolution.id, in: cell, suite: suite)

        // Later she logs in again with a code (a new session on the same phone).
        try await app.logIn(in: suite)
        #expect(app.memberID == member.id)

        // Her home screen, in one round trip: her profile, the unread resolution, tonight's
        // meeting, the quiz waiting for her, nothing from feedback yet.
        let home = try await homeScreen(of: app, suite: suite) { $0.isComplete && $0.study?.openQuizzes.isEmpty == false }
        #expect(home.isComplete, "\(home.missing)")
        #expect(home.profile?.fullName == "Hoàng Thị Thu Hà" && home.profile?.unitID == cell.cellID)
        #expect(home.reading?.unread == 1 && home.reading?.newestUnread.map(\.id) == [resolution.id])
        #expect(home.meetings?.nextMeeting?.id == meeting.id && home.meetings?.nextMeeting?.state == .scheduled)
        #expect(home.study?.openQuizzes.map(\.quizID) == [study.quizID])
        #expect(home.feedback?.waiting == 0 && home.feedback?.replies.isEmpty == true)

        try await readsAndAsks(resolution, app: app, suite: suite)
        try await attendsTheMeeting(meeting.id, desk: meetingDesk, app: app, suite: suite)

        // The study program of the resolution, and its quiz: every answer right.
        var program = GetProgramRequest()
        program.programID = study.programID
        #expect(try await suite.learning.getProgram(program, options: app.options).materialIDs == [resolution.id])
        let quiz = try await StudyDesk.takeQuiz(study.quizID, as: app.options, suite: suite)
        #expect(quiz.attempt.memberID == member.id && quiz.attempt.proxyMemberID.isEmpty)
        #expect(quiz.result.passed && quiz.result.correctCount == 3 && quiz.result.questionCount == 3)

        // Feedback: no rule covers it, so it goes to the office of the province's committee.
        let sent = try await AgencyDesk.submit("Lịch học nghị quyết", "Đợt học Nghị quyết 12-NQ/TU kéo dài đến khi nào?",
                                               key: "study-schedule", as: app.options, suite: suite)
        #expect(sent.agency?.unitID == cell.provinceID && sent.agency?.kind == .office && sent.routedByRuleID.isEmpty)
        #expect(sent.memberID == member.id && sent.proxyMemberID.isEmpty)
        let answer = "Đợt học kéo dài hai tuần; bài kiểm tra mở đến hết đợt."
        _ = try await AgencyDesk.agencyAnswers(sent, with: answer, in: cell, suite: suite)
        let seen = try await AgencyDesk.item(sent.id, as: app.options, suite: suite)
        #expect(seen.status == .answered && seen.answer?.text == answer)
        return cell
    }

    /// She opens the newest resolution (it is marked read) and asks the assistant about it.
    private static func readsAndAsks(_ resolution: ContentContracts.Item, app: MemberApp, suite: RunningSuite) async throws {
        var open = ItemRequest()
        open.itemID = resolution.id
        let read = try await suite.content.markRead(open, options: app.options)
        #expect(read.read && read.content?.number == "12-NQ/TU")
        var ask = AskRequest()
        ask.question = "chi bộ thôn bản sinh hoạt thường kỳ mấy lần?"
        let answer = try await suite.content.ask(ask, options: app.options)
        #expect(answer.answered && answer.passages.first?.itemID == resolution.id)
        #expect(answer.passages.first?.text.contains("mỗi tháng một lần") == true)
    }

    /// The secretary opens the meeting; she checks in and votes; the secretary closes
    /// the poll and the meeting and approves the minutes, which she then reads.
    private static func attendsTheMeeting(_ meetingID: String, desk: SecretarysDesk, app: MemberApp,
                                          suite: RunningSuite) async throws {
        #expect(try await desk.open(meetingID).state == .open)
        var checkIn = CheckInRequest()
        checkIn.meetingID = meetingID
        let entry = try await suite.meeting.checkIn(checkIn, options: app.options)
        #expect(entry.memberID == app.memberID && entry.presence == .present && !entry.byProxy)
        let poll = try await desk.createPoll(in: meetingID, "Thông qua kế hoạch học tập Nghị quyết 12-NQ/TU?",
                                             options: ["Tán thành", "Không tán thành"], key: "study-plan")
        var vote = CastVoteRequest()
        (vote.pollID, vote.option) = (poll.id, 0)
        #expect(try await suite.meeting.castVote(vote, options: app.options).voted)
        let minutes = "Chi bộ thống nhất kế hoạch học tập Nghị quyết 12-NQ/TU trên ứng dụng Sổ tay."
        _ = try await desk.finish(meetingID, poll: poll.id, minutes: minutes, conclusions: "Hoàn thành học tập trong hai tuần.")
        var getPoll = GetPollRequest()
        getPoll.pollID = poll.id
        let tally = try await suite.meeting.getPoll(getPoll, options: app.options)
        #expect(tally.closed && tally.counts == [1, 0] && tally.proxyVotes == 0)
        var getMinutes = GetMinutesRequest()
        getMinutes.meetingID = meetingID
        let history = try await suite.meeting.getMinutes(getMinutes, options: app.options)
        #expect(history.revisions.map(\.text) == [minutes] && history.revisions.last?.approved == true)
    }
}
