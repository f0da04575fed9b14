import FeedbackContracts
import RPC
import ServiceTestSupport
import Testing

/// Feedback's part of the home screen: the member's items still waiting, the answers of
/// the last 30 days, and the open surveys they have not answered.
@Suite struct HomeSummaryTests {
    @Test func waitingRepliesAndSurveysAreTheMembersOwn() async throws {
        try await FeedbackHarness.run("home") { harness in
            let tree = harness.tree
            let home = FeedbackHomeServiceClient(channel: harness.feedback.channel)
            let answered = try await harness.submit("Lan", title: "Sửa ngày vào đảng")
            try await harness.submit("Lan", title: "Lịch sinh hoạt tháng")
            try await harness.submit("Hung", title: "Câu hỏi của người khác")
            var answer = AnswerItemRequest()
            answer.itemID = answered.id
            answer.text = "Đã sửa ngày vào đảng trong hồ sơ."
            answer.visibility = .private
            _ = try await harness.feedback.answerItem(answer, options: try await harness.agencyStaff(of: tree.commune))

            var survey = CreateSurveyRequest()
            survey.unitID = tree.commune
            survey.title = "Lấy ý kiến về giờ họp chi bộ"
            var question = SurveyQuestion()
            question.kind = .choice
            question.text = "Giờ họp phù hợp?"
            question.choices = ["Sáng", "Tối"]
            survey.questions = [question]
            survey.opensAtMS = harness.clock.now - 1_000
            survey.closesAtMS = harness.clock.now + 7 * 86_400_000
            let created = try await harness.feedback.createSurvey(survey, options: try harness.staff(of: tree.commune))

            let lan = try harness.member("Lan")
            var summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: lan)
            #expect(summary.waiting == 1)
            #expect(summary.replies.map(\.itemID) == [answered.id] && summary.replies.first?.title == "Sửa ngày vào đảng")
            #expect(summary.openSurveys == 1)

            var respond = RespondSurveyRequest()
            respond.surveyID = created.id
            var choice = SurveyAnswer()
            choice.question = 0
            choice.value = 1
            respond.answers = [choice]
            _ = try await harness.feedback.respondSurvey(respond, options: lan)
            summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: lan)
            #expect(summary.openSurveys == 0)

            // A month later (with a token of that day) the answer is no longer news.
            harness.clock.advance(byMs: 31 * 86_400_000)
            #expect(try await home.getHomeSummary(GetHomeSummaryRequest(), options: harness.member("Lan")).replies.isEmpty)
            // Hoa, in the bloc, has nothing and is asked nothing by the commune.
            let hoa = try await home.getHomeSummary(GetHomeSummaryRequest(), options: harness.member("Hoa"))
            #expect(hoa.waiting == 0 && hoa.replies.isEmpty && hoa.openSurveys == 0)
        }
    }
}
