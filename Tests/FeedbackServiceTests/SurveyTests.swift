import FeedbackContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

/// Surveys for a subtree: a window, one response per member, results per unit, proxy
/// responses marked, free text for the owners only.
@Suite struct SurveyTests {
    @Test func oneResponsePerMemberWithinTheWindowCountedPerUnit() async throws {
        try await FeedbackHarness.run("survey") { harness in
            let tree = harness.tree
            var create = CreateSurveyRequest()
            create.unitID = tree.commune
            create.title = "Lấy ý kiến về giờ họp chi bộ"
            var choice = SurveyQuestion()
            choice.kind = .choice
            choice.text = "Giờ họp phù hợp?"
            choice.choices = ["Sáng", "Tối"]
            var scale = SurveyQuestion()
            scale.kind = .scale
            scale.text = "Mức độ hài lòng"
            scale.scaleMax = 5
            var free = SurveyQuestion()
            free.kind = .freeText
            free.text = "Ý kiến khác"
            create.questions = [choice, scale, free]
            create.opensAtMS = harness.clock.now + .day
            create.closesAtMS = harness.clock.now + 8 * .day
            let survey = try await harness.feedback.createSurvey(create, options: try harness.staff(of: tree.commune, memberID: "m_owner1"))

            var respond = RespondSurveyRequest()
            respond.surveyID = survey.id
            respond.answers = [answer(0, value: 1), answer(1, value: 4), answer(2, text: "Nên họp tối thứ bảy")]
            #expect(await statusCode { _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Lan")) }
                == .failedPrecondition)
            harness.clock.advance(byMs: 2 * .day)
            #expect(try await harness.feedback.listOpenSurveys(ListOpenSurveysRequest(), options: try harness.member("Lan")).surveys.map(\.id)
                == [survey.id])
            _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Lan"))
            #expect(await statusCode { _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Lan")) } == .alreadyExists)
            respond.answers = [answer(0, value: 0), answer(1, value: 2)]
            #expect(try await harness.feedback.respondSurvey(respond, options: try harness.proxy(for: "Mai")).proxy)
            _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Tuan"))
            // Outside the subtree: the survey is not there.
            #expect(await statusCode { _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Hoa")) }
                == .notFound)
            respond.answers = [answer(0, value: 7)]
            #expect(await refusedField { _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Hung")) }
                == "answers[0].value")

            var get = GetSurveyResultsRequest()
            get.surveyID = survey.id
            let results = try await harness.feedback.getSurveyResults(get, options: try harness.staff(of: tree.commune, memberID: "m_owner1"))
            #expect(results.responses == 3 && results.proxyResponses == 1)
            #expect(results.questions[0].counts == [2, 1])
            #expect(results.questions[1].counts == [0, 2, 0, 1, 0])
            #expect(results.questions[2].freeTexts == ["Nên họp tối thứ bảy"])
            let byUnit = Dictionary(uniqueKeysWithValues: results.units.map { ($0.unitID, $0) })
            #expect(byUnit[tree.cellA]?.responses == 2)
            #expect(byUnit[tree.cellA]?.proxyResponses == 1)
            #expect(byUnit[tree.cellB]?.responses == 1)

            // Staff who do not own it read the counts, never the free text.
            let colleague = try await harness.feedback.getSurveyResults(get, options: try harness.staff(of: tree.commune))
            #expect(colleague.responses == 3)
            #expect(colleague.questions[2].freeTexts.isEmpty)
            #expect(colleague.units.allSatisfy { $0.questions[2].freeTexts.isEmpty })
            #expect(await statusCode { _ = try await harness.feedback.getSurveyResults(get, options: try harness.member("Lan")) } == .notFound)

            harness.clock.advance(byMs: 7 * .day)
            respond.answers = [answer(0, value: 0)]
            #expect(await statusCode { _ = try await harness.feedback.respondSurvey(respond, options: try harness.member("Dung")) }
                == .failedPrecondition)
        }
    }

    private func answer(_ question: Int32, value: Int32 = 0, text: String = "") -> SurveyAnswer {
        var answer = SurveyAnswer()
        answer.question = question
        answer.value = value
        answer.text = text
        return answer
    }
}
