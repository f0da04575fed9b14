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
            // The harness's services serve plain TCP.
            let variables = [ServiceName.feedback.addressVariable: "127.0.0.1:\(harness.service.port)", "SOTAY_TLS": "off"]
            func run(_ arguments: [String], as options: CallOptions) async throws -> Int32 {
                var session = AppSession()
                session.file = URL(fileURLWithPath: harness.environment.folder.path("app-session.txt"))
                let bearer = options.metadata[MetadataKey.authorization] ?? ""
                try Data("member=x\naccess=\(bearer.dropFirst("Bearer ".count))\n".utf8).write(to: session.file)
                return try await FeedbackAppCommand(arguments: arguments, environment: OperatorEnvironment(variables: variables),
                                                    session: session).run()
            }
            #expect(try await run(["feedback", "send", "ideology", "Học tập nghị quyết", "Lịch học tập tháng này?"],
                                  as: try harness.member("Lan")) == 0)
            let mine = try await harness.feedback.listMyItems(ListMyItemsRequest(), options: try harness.member("Lan"))
            let item = try #require(mine.items.first)
            #expect(item.memberID == lan.memberID && item.category == .ideology && item.title == "Học tập nghị quyết")

            let staff = try harness.staff(of: tree.commune)
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
}
