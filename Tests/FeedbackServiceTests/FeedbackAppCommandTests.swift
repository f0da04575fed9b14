import FeedbackContracts
import Foundation
@testable import OperatorCLI
import RPC
import ServiceKit
import ServiceTestSupport
import Testing
import TestSupport

/// `sotay app feedback …` and the agency's side by hand, against a real org and
/// feedback, with the session file a login leaves.
@Suite struct FeedbackAppCommandTests {
    @Test func aMemberSendsAndTheAgencyAnswersByHand() async throws {
        try await FeedbackHarness.run("app") { harness in
            let tree = harness.tree
            let lan = tree.member("Lan")
            func run(_ arguments: [String], as options: CallOptions) async throws -> Int32 {
                try await app(arguments, as: options, in: harness)
            }
            #expect(try await run(["feedback", "send", "ideology", "Học tập nghị quyết", "Lịch học tập tháng này?"],
                                  as: try harness.member("Lan")) == 0)
            let mine = try await harness.feedback.listMyItems(ListMyItemsRequest(), options: try harness.member("Lan"))
            let item = try #require(mine.items.first)
            #expect(item.memberID == lan.memberID && item.category == .ideology && item.title == "Học tập nghị quyết")

            let staff = try await harness.agencyStaff(of: tree.commune)
            #expect(try await run(["inbox", tree.commune], as: staff) == 0)
            #expect(try await run(["answer", item.id, "private", "Lịch học vào ngày 15."], as: staff) == 0)
            let answered = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(answered.status == .answered && answered.answer?.text == "Lịch học vào ngày 15.")
            #expect(try await run(["feedback", "reopen", item.id, "Xin thêm giờ học"], as: try harness.member("Lan")) == 0)
            #expect(try await harness.get(item.id, as: try harness.member("Lan")).status == .reopened)

            let unknown = await statusCode {
                _ = try await run(["feedback", "send", "weather", "a", "b"], as: try harness.member("Lan"))
            }
            #expect(unknown == .unknown)
        }
    }

    @Test func theAgencyReassignsAndAnAdministratorAppointsAndRemovesStaffByHand() async throws {
        try await FeedbackHarness.run("app-agency") { harness in
            let tree = harness.tree
            let item = try await harness.submit("Lan", category: .discipline)
            let officeStaff = try await harness.agencyStaff(of: tree.commune, memberID: "m_officeclerk", kinds: [.office])
            #expect(try await app(["reassign", item.id, tree.commune, "inspection", "Việc kỷ luật thuộc Ủy ban Kiểm tra"],
                                  as: officeStaff, in: harness) == 0)
            let moved = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(moved.agency == agency(tree.commune, .inspectionCommission))
            #expect(moved.events.last?.reason == "Việc kỷ luật thuộc Ủy ban Kiểm tra")

            // `me`: the member of the session, here the commune's administrator.
            let admin = try harness.tokens.asAdmin(of: tree.commune, memberID: "m_admin1")
            #expect(try await app(["agency", "appoint", tree.commune, "inspection", "me"], as: admin, member: "m_admin1",
                                  in: harness) == 0)
            #expect(try await app(["agency", "appoint", tree.commune, "inspection", "m_inspector"], as: admin, in: harness) == 0)
            var list = ListAgencyStaffRequest()
            list.agency = agency(tree.commune, .inspectionCommission)
            #expect(try await harness.feedback.listAgencyStaff(list, options: admin).staff.map(\.memberID)
                == ["m_admin1", "m_inspector"])
            #expect(try await app(["agency", "staff", tree.commune, "inspection"], as: admin, in: harness) == 0)
            let inspector = try harness.tokens.options("m_inspector", [])
            #expect(try await app(["inbox", tree.commune, "inspection"], as: inspector, in: harness) == 0)

            #expect(try await app(["agency", "remove", tree.commune, "inspection", "m_inspector"], as: admin, in: harness) == 0)
            #expect(try await harness.feedback.listAgencyStaff(list, options: admin).staff.map(\.memberID) == ["m_admin1"])
            #expect(await statusCode { _ = try await app(["inbox", tree.commune, "inspection"], as: inspector, in: harness) }
                == .unknown)
            #expect(await statusCode {
                _ = try await app(["agency", "appoint", tree.commune, "weather", "m_inspector"], as: admin, in: harness)
            } == .unknown)
        }
    }

    @Test func aSurveysOwnerReadsItsResultsByHand() async throws {
        try await FeedbackHarness.run("app-survey") { harness in
            var create = CreateSurveyRequest()
            create.unitID = harness.tree.commune
            create.title = "Giờ họp chi bộ"
            var choice = SurveyQuestion()
            (choice.kind, choice.text, choice.choices) = (.choice, "Giờ họp phù hợp?", ["Sáng", "Tối"])
            create.questions = [choice]
            (create.opensAtMS, create.closesAtMS) = (harness.clock.now - 1, harness.clock.now + .day)
            let owner = try harness.staff(of: harness.tree.commune, memberID: "m_owner1")
            let survey = try await harness.feedback.createSurvey(create, options: owner)
            #expect(try await app(["survey", "respond", survey.id, "0=1"], as: try harness.member("Lan"), in: harness) == 0)
            #expect(try await app(["survey", "results", survey.id], as: owner, in: harness) == 0)
            var get = GetSurveyResultsRequest()
            get.surveyID = survey.id
            #expect(try await harness.feedback.getSurveyResults(get, options: owner).questions.first?.counts == [0, 1])
            #expect(await statusCode { _ = try await app(["survey", "results", survey.id], as: try harness.member("Lan"),
                                                         in: harness) } == .unknown)
        }
    }

    /// Runs `sotay app ARGUMENTS` as AppCommand dispatches it, with a session file
    /// holding `options`' token and `member`.
    private func app(_ arguments: [String], as options: CallOptions, member: String = "x",
                     in harness: FeedbackHarness) async throws -> Int32 {
        // The harness's services serve plain TCP.
        let variables = [ServiceName.feedback.addressVariable: "127.0.0.1:\(harness.service.port)", "SOTAY_TLS": "off"]
        var session = AppSession()
        session.file = URL(fileURLWithPath: harness.environment.folder.path("app-session.txt"))
        let bearer = options.metadata[MetadataKey.authorization] ?? ""
        try Data("member=\(member)\naccess=\(bearer.dropFirst("Bearer ".count))\n".utf8).write(to: session.file)
        let environment = OperatorEnvironment(variables: variables)
        if FeedbackAgencyAppCommand.verbs.contains(arguments[0]) {
            return try await FeedbackAgencyAppCommand(arguments: arguments, environment: environment, session: session).run()
        }
        return try await FeedbackAppCommand(arguments: arguments, environment: environment, session: session).run()
    }
}
