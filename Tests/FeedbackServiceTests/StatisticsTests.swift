import FeedbackContracts
import Foundation
import RPC
import ServiceTestSupport
import Testing
import TestSupport

/// Figures per agency and subtree for a month, in Vietnam's time.
@Suite struct StatisticsTests {
    @Test func receivedAnsweredOverdueAndTimesToAnswerForAMonth() async throws {
        try await FeedbackHarness.run("statistics") { harness in
            let tree = harness.tree
            let march = try #require(ISO8601DateFormatter().date(from: "2027-03-01T01:00:00+07:00"))
            harness.clock.set(toMs: Int64(march.timeIntervalSince1970 * 1000))
            let quick = try await harness.submit("Lan")
            let slow = try await harness.submit("Lan")
            _ = try await harness.submit("Lan")
            _ = try await harness.submit("Hoa")
            harness.clock.advance(byMs: .day)
            try await answer(quick.id, harness)
            harness.clock.advance(byMs: 2 * .day)
            try await answer(slow.id, harness)

            var request = GetStatisticsRequest()
            request.unitID = tree.province
            request.month = "2027-03"
            let early = try await harness.feedback.getStatistics(request, options: try await harness.agencyStaff(of: tree.province))
            #expect(early.total?.received == 4)
            #expect(early.total?.answered == 2)
            #expect(early.total?.overdue == 0)
            #expect(early.total?.medianMSToAnswer == .day)
            #expect(early.total?.p90MSToAnswer == 3 * .day)

            // Past the deadline (15 days) two are overdue: one at the commune, one at the school.
            harness.clock.advance(byMs: 30 * .day)
            let late = try await harness.feedback.getStatistics(request, options: try await harness.agencyStaff(of: tree.province))
            #expect(late.total?.overdue == 2)
            let communeOffice = late.agencies.first { $0.agency == agency(tree.commune, .office) }
            #expect(communeOffice?.received == 3 && communeOffice?.answered == 2 && communeOffice?.overdue == 1)
            #expect(late.agencies.first { $0.agency == agency(tree.school, .office) }?.overdue == 1)

            request.unitID = tree.commune
            let commune = try await harness.feedback.getStatistics(request, options: try await harness.agencyStaff(of: tree.commune))
            #expect(commune.agencies.compactMap(\.agency) == [agency(tree.commune, .office)])
            #expect(commune.total?.received == 3)
            request.month = "2027-04"
            #expect(try await harness.feedback.getStatistics(request, options: try await harness.agencyStaff(of: tree.commune))
                .total?.received == 0)
            // Staff of the bloc's agencies read none of the commune's; a member who staffs no agency, nothing.
            #expect(try await harness.feedback.getStatistics(request, options: try await harness.agencyStaff(of: tree.bloc))
                .agencies.isEmpty)
            #expect(await statusCode {
                _ = try await harness.feedback.getStatistics(request, options: try harness.staff(of: tree.commune))
            } == .permissionDenied)
            request.month = "2027-13"
            #expect(await refusedField {
                _ = try await harness.feedback.getStatistics(request, options: try await harness.agencyStaff(of: tree.commune))
            } == "month")
        }
    }

    private func answer(_ itemID: String, _ harness: FeedbackHarness) async throws {
        var request = AnswerItemRequest()
        request.itemID = itemID
        request.text = "Trả lời"
        request.visibility = .private
        _ = try await harness.feedback.answerItem(request, options: try await harness.agencyStaff(of: harness.tree.commune))
    }
}
