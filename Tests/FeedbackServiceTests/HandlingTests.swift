import FeedbackContracts
import Foundation
import RPC
import ServiceTestSupport
import Testing
import TestSupport

/// Statuses, deadlines and escalation with the test's clock: the member sees a status
/// only once it is true, overdue items rise to the committee above, reassignments
/// carry a reason the member reads, and every change reaches the member's outbox.
@Suite struct HandlingTests {
    @Test func deliveredOnlyOnceTheAgencysInboxHasShownIt() async throws {
        try await FeedbackHarness.run("delivered") { harness in
            let item = try await harness.submit("Lan")
            #expect(try await harness.get(item.id, as: try harness.member("Lan")).status == .received)
            let office = agency(harness.tree.commune, .office)
            let inbox = try await harness.inbox(office, as: try await harness.agencyStaff(of: harness.tree.commune))
            #expect(inbox.items.map(\.id) == [item.id])
            #expect(inbox.items.first?.status == .delivered)
            let seen = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(seen.status == .delivered)
            #expect(seen.events.map(\.kind) == [.eventSubmitted, .eventDelivered])
        }
    }

    @Test func eachItemHasADueDateFromItsCategory() async throws {
        try await FeedbackHarness.run("due") { harness in
            let now = harness.clock.now
            let question = try await harness.submit("Lan", category: .partyBuilding)
            #expect(question.dueAtMS == now + 15 * .day)
            let conduct = try await harness.submit("Lan", category: .discipline)
            #expect(conduct.dueAtMS == now + 30 * .day)
        }
    }

    @Test func overdueItemsEscalateToTheCommitteeAboveVisiblyAndOnce() async throws {
        try await FeedbackHarness.run("escalation") { harness in
            let tree = harness.tree
            let item = try await harness.submit("Lan")
            let onTime = try await harness.submit("Lan", category: .discipline)
            harness.clock.advance(byMs: 14 * .day)
            #expect(try await harness.sweep() == 0)
            harness.clock.advance(byMs: 2 * .day)
            #expect(try await harness.sweep() == 1)
            #expect(try await harness.sweep() == 0)

            let seen = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(seen.escalationLevel == 1)
            #expect(seen.escalatedToUnitID == tree.province)
            #expect(seen.events.last?.kind == .eventEscalated)
            #expect(seen.events.last?.unitID == tree.province)
            #expect(seen.dueAtMS == harness.clock.now + 15 * .day)
            #expect(try await harness.get(onTime.id, as: try harness.member("Lan")).escalationLevel == 0)

            // The province's office sees it among the items escalated to it, and may act on it.
            let province = try await harness.agencyStaff(of: tree.province, memberID: "m_provincestaff")
            let escalated = try await harness.inbox(agency(tree.province, .office), escalated: true, as: province)
            #expect(escalated.items.map(\.id) == [item.id])
            // Staff of another branch see neither inbox nor item.
            let bloc = try await harness.agencyStaff(of: tree.bloc)
            #expect(await statusCode { _ = try await harness.get(item.id, as: bloc) } == .notFound)
            #expect(await statusCode {
                _ = try await harness.inbox(agency(tree.commune, .office), as: bloc)
            } == .permissionDenied)

            // At the top it stays with the root committee and is raised again at each deadline.
            harness.clock.advance(byMs: 16 * .day)
            #expect(try await harness.sweep() == 2)
            let twice = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(twice.escalationLevel == 2)
            #expect(twice.escalatedToUnitID == tree.province)
        }
    }

    @Test func theBackgroundSweepEscalatesOnceTheDeadlinePassesOnTheServicesClock() async throws {
        try await FeedbackHarness.run("sweeper", sweepIntervalMs: 20) { harness in
            let item = try await harness.submit("Lan")
            harness.clock.advance(byMs: 16 * .day)
            var seen = try await harness.get(item.id, as: try harness.member("Lan"))
            for _ in 0..<1_500 where seen.escalationLevel == 0 {
                try await Task.sleep(for: .milliseconds(20))
                seen = try await harness.get(item.id, as: try harness.member("Lan"))
            }
            #expect(seen.escalationLevel == 1)
            #expect(seen.escalatedToUnitID == harness.tree.province)
        }
    }

    @Test func aReassignmentCarriesAReasonTheMemberReads() async throws {
        try await FeedbackHarness.run("reassign") { harness in
            let tree = harness.tree
            let item = try await harness.submit("Lan", category: .discipline)
            var request = ReassignItemRequest()
            request.itemID = item.id
            request.agency = agency(tree.commune, .inspectionCommission)
            let staff = try await harness.agencyStaff(of: tree.commune)
            #expect(await refusedField { _ = try await harness.feedback.reassignItem(request, options: staff) } == "reason")
            request.reason = "Nội dung về kỷ luật đảng viên thuộc Ủy ban Kiểm tra"
            let moved = try await harness.feedback.reassignItem(request, options: staff)
            #expect(moved.agency == agency(tree.commune, .inspectionCommission))
            #expect(moved.status == .received)
            let seen = try await harness.get(item.id, as: try harness.member("Lan"))
            #expect(seen.events.last?.kind == .eventReassigned)
            #expect(seen.events.last?.reason == request.reason)
        }
    }

    @Test func referralsDuplicatesAndReopeningWithinTheWindow() async throws {
        try await FeedbackHarness.run("decisions") { harness in
            let tree = harness.tree
            let first = try await harness.submit("Lan")
            let repeated = try await harness.submit("Lan")

            var duplicate = MarkDuplicateRequest()
            duplicate.itemID = repeated.id
            duplicate.duplicateOfID = first.id
            let marked = try await harness.feedback.markDuplicate(duplicate, options: try await harness.agencyStaff(of: tree.commune))
            #expect(marked.status == .duplicate && marked.duplicateOfID == first.id)

            var refer = ReferItemRequest()
            refer.itemID = first.id
            refer.reason = "Thuộc thẩm quyền chính quyền xã"
            refer.referredTo = "Ủy ban nhân dân xã Khe Hóp"
            let referred = try await harness.feedback.referItem(refer, options: try await harness.agencyStaff(of: tree.commune))
            #expect(referred.status == .notOurResponsibility)
            #expect(referred.events.last?.reason.contains("Ủy ban nhân dân xã Khe Hóp") == true)

            // Only the author reopens, within the window, and it is open again with a new deadline.
            var reopen = ReopenItemRequest()
            reopen.itemID = first.id
            reopen.reason = "Xã trả lời không thuộc thẩm quyền"
            #expect(await statusCode { _ = try await harness.feedback.reopenItem(reopen, options: try harness.member("Hung")) }
                == .notFound)
            harness.clock.advance(byMs: 10 * .day)
            let reopened = try await harness.feedback.reopenItem(reopen, options: try harness.member("Lan"))
            #expect(reopened.status == .reopened)
            #expect(reopened.dueAtMS == harness.clock.now + 15 * .day)

            harness.clock.advance(byMs: 31 * .day)
            reopen.itemID = repeated.id
            #expect(await statusCode { _ = try await harness.feedback.reopenItem(reopen, options: try harness.member("Lan")) } == .failedPrecondition)

            // An answered item is closed by its member.
            var answer = AnswerItemRequest()
            answer.itemID = first.id
            answer.text = "Đã chuyển lại và có kết quả."
            answer.visibility = .private
            _ = try await harness.feedback.answerItem(answer, options: try await harness.agencyStaff(of: tree.commune))
            var close = CloseItemRequest()
            close.itemID = first.id
            #expect(try await harness.feedback.closeItem(close, options: try harness.member("Lan")).status == .closed)
            #expect(try await harness.feedback.closeItem(close, options: try harness.member("Lan")).status == .closed)
        }
    }

    @Test func everyStatusChangeReachesTheMembersOutbox() async throws {
        try await FeedbackHarness.run("notices") { harness in
            let item = try await harness.submit("Lan")
            var start = StartItemRequest()
            start.itemID = item.id
            _ = try await harness.feedback.startItem(start, options: try await harness.agencyStaff(of: harness.tree.commune))
            let outbox = harness.environment.folder.path("feedback/outbox.txt")
            let lines = try await waitForLines(in: outbox, atLeast: 3)
            let mine = lines.filter { $0.contains(item.id) }
            #expect(mine.count == 3)
            #expect(mine.contains { $0.contains("delivered to the agency") })
            #expect(mine.contains { $0.contains("in progress") })
            #expect(mine.allSatisfy { $0.contains(harness.tree.member("Lan").memberID) })
        }
    }

    /// The outbox file's lines once it holds `count` (the deliverer writes after the
    /// commit, on its own task); a generous bound, not a timing assertion.
    private func waitForLines(in path: String, atLeast count: Int) async throws -> [String] {
        var lines: [String] = []
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            lines = text.split(separator: "\n").map(String.init)
            if lines.count >= count { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        return lines
    }
}
