import FeedbackContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

/// Routing through the real RPC: the most specific rule wins, the office of the
/// nearest committee when none covers, and rules are edited by their subtree's
/// administrators only.
@Suite struct RoutingTests {
    @Test func anItemNoRuleCoversGoesToTheOfficeOfTheMembersNearestCommittee() async throws {
        try await FeedbackHarness.run("fallback") { harness in
            let fromCell = try await harness.submit("Lan")
            #expect(fromCell.agency == agency(harness.tree.commune, .office))
            #expect(fromCell.routedByRuleID.isEmpty)
            #expect(fromCell.status == .received)
            // A cell under a grassroots committee: that committee is the nearest.
            let fromSchool = try await harness.submit("Hoa")
            #expect(fromSchool.agency == agency(harness.tree.school, .office))
        }
    }

    @Test func theMostSpecificRuleWinsAndTheRouteRecordsIt() async throws {
        try await FeedbackHarness.run("specific") { harness in
            let tree = harness.tree
            let admin = try harness.admin(of: tree.province)
            // Province: everything to the propaganda board of the member's nearest committee,
            // discipline to the province's own inspection commission.
            let provinceAll = try await harness.putRule(on: tree.province, kind: .propagandaBoard, as: admin)
            let provinceDiscipline = try await harness.putRule(on: tree.province, category: .discipline,
                                                               kind: .inspectionCommission, atRuleUnit: true, as: admin)
            // The commune: internal affairs matters to the organisation board one committee up,
            // which the rule's scope caps at the commune itself.
            let communeRule = try await harness.putRule(on: tree.commune, category: .internalAffairsMatter,
                                                        kind: .organisationBoard, above: 1,
                                                        as: try harness.admin(of: tree.commune))

            let ideology = try await harness.submit("Lan", category: .ideology)
            #expect(ideology.agency == agency(tree.commune, .propagandaBoard))
            #expect(ideology.routedByRuleID == provinceAll.id)

            let discipline = try await harness.submit("Lan", category: .discipline)
            #expect(discipline.agency == agency(tree.province, .inspectionCommission))
            #expect(discipline.routedByRuleID == provinceDiscipline.id)

            let affairs = try await harness.submit("Lan", category: .internalAffairsMatter)
            #expect(affairs.agency == agency(tree.commune, .organisationBoard))
            #expect(affairs.routedByRuleID == communeRule.id)

            // Counted in committees, not depth: from cellC the second committee up is the bloc.
            try await harness.putRule(on: tree.province, category: .administration, kind: .office, above: 1, as: admin)
            let fromSchool = try await harness.submit("Hoa", category: .administration)
            #expect(fromSchool.agency == agency(tree.bloc, .office))

            var preview = PreviewRouteRequest()
            preview.memberUnitID = tree.cellA
            preview.category = .discipline
            let route = try await harness.feedback.previewRoute(preview, options: admin)
            #expect(route.ruleID == provinceDiscipline.id)
        }
    }

    @Test func rulesAreEditedByTheAdministratorsOfTheirSubtreeOnly() async throws {
        try await FeedbackHarness.run("rule-rights") { harness in
            let tree = harness.tree
            #expect(await statusCode {
                try await harness.putRule(on: tree.commune, kind: .office, as: try harness.admin(of: tree.bloc))
            } == .permissionDenied)
            #expect(await statusCode {
                try await harness.putRule(on: tree.commune, kind: .office, as: try harness.staff(of: tree.commune))
            } == .permissionDenied)
            #expect(await statusCode {
                try await harness.putRule(on: tree.commune, kind: .office, as: try harness.member("Lan"))
            } == .permissionDenied)
            #expect(await refusedField {
                try await harness.putRule(on: tree.cellA, kind: .office, as: try harness.admin(of: tree.province))
            } == "rule.unit_id")

            let provinceRule = try await harness.putRule(on: tree.province, kind: .office,
                                                         as: try harness.admin(of: tree.province))
            // Put again for the same unit and category: replaced, same id.
            let replaced = try await harness.putRule(on: tree.province, kind: .organisationBoard,
                                                     as: try harness.admin(of: tree.province))
            #expect(replaced.id == provinceRule.id)

            var delete = DeleteRoutingRuleRequest()
            delete.ruleID = provinceRule.id
            let byCommune = await statusCode {
                _ = try await harness.feedback.deleteRoutingRule(delete, options: try harness.admin(of: tree.commune))
            }
            delete.ruleID = "rr_00000000000000000000000000"
            let missing = await statusCode {
                _ = try await harness.feedback.deleteRoutingRule(delete, options: try harness.admin(of: tree.commune))
            }
            #expect(byCommune == .notFound && missing == .notFound)

            var list = ListRoutingRulesRequest()
            list.unitID = tree.cellA
            let rules = try await harness.feedback.listRoutingRules(list, options: try harness.staff(of: tree.commune))
            // Commune staff read the rules covering their members, the province's included.
            #expect(rules.rules.map(\.id) == [provinceRule.id])
            #expect(rules.rules.first?.agencyKind == .organisationBoard)
        }
    }

    @Test func aRetriedSubmitWithTheSameKeyCreatesOneItem() async throws {
        try await FeedbackHarness.run("retry") { harness in
            let first = try await harness.submit("Lan", key: "submit-1")
            let again = try await harness.submit("Lan", key: "submit-1")
            #expect(again.id == first.id)
            let mine = try await harness.feedback.listMyItems(ListMyItemsRequest(), options: try harness.member("Lan"))
            #expect(mine.items.map(\.id) == [first.id])
            #expect(await refusedField { try await harness.submit("Lan", body: "another text", key: "submit-1") }
                == "idempotency_key")
        }
    }

    @Test func badInputIsRefusedNamingTheFieldBeforeAnythingIsWritten() async throws {
        try await FeedbackHarness.run("input") { harness in
            #expect(await refusedField { try await harness.submit("Lan", title: "") } == "title")
            #expect(await refusedField { try await harness.submit("Lan", body: "a\u{0}b") } == "body")
            #expect(await refusedField { try await harness.submit("Lan", category: .unspecified) } == "category")
            #expect(await refusedField {
                try await harness.submit("Lan", body: String(repeating: "x", count: 70_000))
            } == "body")
            let mine = try await harness.feedback.listMyItems(ListMyItemsRequest(), options: try harness.member("Lan"))
            #expect(mine.items.isEmpty)
        }
    }

    @Test func aSecretaryActingForAMemberSubmitsInTheirNameMarkedAsProxy() async throws {
        try await FeedbackHarness.run("proxy") { harness in
            var request = SubmitItemRequest()
            request.kind = .proposal
            request.category = .administration
            request.title = "Đề nghị họp chi bộ buổi tối"
            request.body = "Đề nghị họp vào buổi tối để mọi người tham dự."
            let item = try await harness.feedback.submitItem(request, options: try harness.proxy(for: "Mai"))
            #expect(item.memberID == harness.tree.member("Mai").memberID)
            #expect(item.proxyMemberID == "m_secretary1")
        }
    }
}
