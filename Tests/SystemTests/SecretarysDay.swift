import AuthContracts
import FeedbackContracts
import LearningContracts
import MeetingContracts
import RPC
import Testing

/// A secretary's day for an elderly member without a phone (issue 15): with a proxy
/// token from auth's ActForMember she checks him in at the meeting, takes the quiz
/// with him and sends his feedback; each service answers the act as his, marked as
/// done by proxy with her id, and auth's audit log shows whom she acted for.
enum SecretarysDay {
    static func run(on suite: RunningSuite) async throws {
        let cell = try await JourneyCell.create(in: suite)
        let secretary = try await cell.addMember("Nguyễn Văn Bình", card: "YB-0040001", birthDate: "1970-05-12", in: suite)
        let elder = try await cell.addMember("Lò Văn Páo", card: "YB-0030502", birthDate: "1941-02-03", in: suite)
        let secretaryOptions = try cell.secretary(secretary.id)
        let resolution = try await EditorsDesk.publishResolution(in: cell, suite: suite)
        let study = try await StudyDesk.prepare(for: resolution.id, in: cell, suite: suite)
        let meetingDesk = SecretarysDesk(suite: suite, secretary: secretaryOptions)
        let meeting = try await meetingDesk.scheduleMeeting(of: cell)
        _ = try await meetingDesk.open(meeting.id)

        // Auth gives the secretary of his cell a short-lived token to act for him.
        var act = ActForMemberRequest()
        (act.memberID, act.reason) = (elder.id, "Đảng viên cao tuổi, không dùng điện thoại")
        let proxy = bearer(try await suite.auth.actForMember(act, options: secretaryOptions).accessToken)

        // Meeting: he is present, checked in by proxy, recorded by her.
        var checkIn = CheckInRequest()
        checkIn.meetingID = meeting.id
        let entry = try await suite.meeting.checkIn(checkIn, options: proxy)
        #expect(entry.memberID == elder.id && entry.presence == .present)
        #expect(entry.byProxy && entry.recordedBy == secretary.id)
        var attendance = GetAttendanceRequest()
        attendance.meetingID = meeting.id
        let listed = try await suite.meeting.getAttendance(attendance, options: secretaryOptions).entries
        #expect(listed.first { $0.memberID == elder.id }.map { $0.byProxy && $0.recordedBy == secretary.id } == true)

        // Learning: his attempt, taken with her, carries her id, and so does its result.
        let quiz = try await StudyDesk.takeQuiz(study.quizID, as: proxy, suite: suite)
        #expect(quiz.attempt.memberID == elder.id && quiz.attempt.proxyMemberID == secretary.id)
        #expect(quiz.result.passed && quiz.result.proxyMemberID == secretary.id)

        // Feedback: his item, sent by her; the agency sees it marked too.
        let sent = try await AgencyDesk.submit("Đường vào nhà văn hóa", "Đề nghị sửa đường vào nhà văn hóa thôn.",
                                               key: "road-repair", as: proxy, suite: suite)
        #expect(sent.memberID == elder.id && sent.proxyMemberID == secretary.id)
        let answered = try await AgencyDesk.agencyAnswers(sent, with: "Đã chuyển đề nghị tới xã.", in: cell, suite: suite)
        #expect(answered.memberID == elder.id && answered.proxyMemberID == secretary.id && answered.status == .answered)

        // Auth: the province's administrator reads in the audit log that she acted for him.
        var audit = ListAuditEventsRequest()
        (audit.unitID, audit.pageSize) = (cell.provinceID, 50)
        let admin = try suite.tokens.asAdmin(of: cell.provinceID)
        let events = try await retrying { try await suite.auth.listAuditEvents(audit, options: admin).events }
        #expect(events.contains { $0.kind == .auditProxyStarted && $0.actorMemberID == secretary.id
            && $0.subjectMemberID == elder.id })
    }
}
