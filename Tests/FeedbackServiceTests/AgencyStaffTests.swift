import FeedbackContracts
import RPC
import ServiceTestSupport
import Testing
import TestSupport

/// An agency sees only what is routed to it or to the same kind of agency below it:
/// staff are appointed to one agency (a kind of board of one committee) by the
/// administrators of that committee's subtree, and a removal counts at once.
@Suite struct AgencyStaffTests {
    /// Lan (cell A, under the commune) writes about discipline, which the commune's rule
    /// sends to the commune's inspection commission.
    private func disciplineItem(_ harness: FeedbackHarness) async throws -> Item {
        try await harness.putRule(on: harness.tree.commune, category: .discipline, kind: .inspectionCommission,
                                  as: try harness.admin(of: harness.tree.commune))
        let item = try await harness.submit("Lan", category: .discipline)
        #expect(item.agency == agency(harness.tree.commune, .inspectionCommission))
        return item
    }

    @Test func staffOfOneAgencyCannotSeeOrAnswerTheItemsOfAnotherAgencyOfTheSameCommittee() async throws {
        try await FeedbackHarness.run("staff-other-agency") { harness in
            let tree = harness.tree
            let item = try await disciplineItem(harness)
            let office = try await harness.agencyStaff(of: tree.commune, memberID: "m_officeclerk", kinds: [.office])
            let inspector = try await harness.agencyStaff(of: tree.commune, memberID: "m_inspector", kinds: [.inspectionCommission])

            let hidden = await statusCode { _ = try await harness.get(item.id, as: office) }
            let missing = await statusCode { _ = try await harness.get("fb_00000000000000000000000000", as: office) }
            #expect(hidden == .notFound && missing == .notFound)
            var answer = AnswerItemRequest()
            (answer.itemID, answer.text, answer.visibility) = (item.id, "Đã xem xét.", .private)
            #expect(await statusCode { _ = try await harness.feedback.answerItem(answer, options: office) } == .notFound)
            #expect(await statusCode {
                _ = try await harness.inbox(agency(tree.commune, .inspectionCommission), as: office)
            } == .permissionDenied)
            #expect(try await harness.inbox(agency(tree.commune, .office), as: office).items.isEmpty)

            #expect(try await harness.inbox(agency(tree.commune, .inspectionCommission), as: inspector).items.map(\.id)
                == [item.id])
            #expect(try await harness.feedback.answerItem(answer, options: inspector).status == .answered)
        }
    }

    @Test func staffOfAProvincialAgencySeeTheItemsOfTheSameKindOfAgencyBelowIt() async throws {
        try await FeedbackHarness.run("staff-above") { harness in
            let tree = harness.tree
            let item = try await disciplineItem(harness)
            let provincialInspector = try await harness.agencyStaff(of: tree.province, memberID: "m_provinspector",
                                                                    kinds: [.inspectionCommission])
            let provincialOffice = try await harness.agencyStaff(of: tree.province, memberID: "m_provoffice", kinds: [.office])
            let blocInspector = try await harness.agencyStaff(of: tree.bloc, memberID: "m_blocinspector",
                                                              kinds: [.inspectionCommission])

            let communeCommission = agency(tree.commune, .inspectionCommission)
            #expect(try await harness.inbox(communeCommission, as: provincialInspector).items.map(\.id) == [item.id])
            #expect(try await harness.get(item.id, as: provincialInspector).id == item.id)
            var start = StartItemRequest()
            start.itemID = item.id
            #expect(try await harness.feedback.startItem(start, options: provincialInspector).status == .inProgress)

            // Another kind at the province, or the same kind in another branch: nothing.
            #expect(await statusCode { _ = try await harness.get(item.id, as: provincialOffice) } == .notFound)
            #expect(await statusCode { _ = try await harness.inbox(communeCommission, as: provincialOffice) }
                == .permissionDenied)
            #expect(await statusCode { _ = try await harness.get(item.id, as: blocInspector) } == .notFound)
            // Looking down does not mean looking up: the commune's commission does not read the province's.
            let communeInspector = try await harness.agencyStaff(of: tree.commune, memberID: "m_inspector",
                                                                 kinds: [.inspectionCommission])
            #expect(await statusCode {
                _ = try await harness.inbox(agency(tree.province, .inspectionCommission), as: communeInspector)
            } == .permissionDenied)
        }
    }

    @Test func onlyAdministratorsOfTheCommitteesSubtreeAppointStaffAndARepeatChangesNothing() async throws {
        try await FeedbackHarness.run("staff-appoint") { harness in
            let tree = harness.tree
            let office = agency(tree.commune, .office)
            for refused in [try harness.staff(of: tree.commune), try harness.member("Lan"), try harness.admin(of: tree.bloc),
                            try harness.admin(of: tree.cellA)] {
                #expect(await statusCode { try await harness.appoint("m_clerk", to: office, as: refused) } == .permissionDenied)
            }
            // A commune administrator appoints for the commune, not for the province above it.
            let communeAdmin = try harness.admin(of: tree.commune)
            #expect(await statusCode {
                try await harness.appoint("m_clerk", to: agency(tree.province, .office), as: communeAdmin)
            } == .permissionDenied)
            let first = try await harness.appoint("m_clerk", to: office, as: communeAdmin)
            #expect(first.appointedBy == "m_admin1" && first.memberID == "m_clerk")
            harness.clock.advance(byMs: 1_000)
            let again = try await harness.appoint("m_clerk", to: office, as: try harness.admin(of: tree.province))
            #expect(again == first)

            var list = ListAgencyStaffRequest()
            list.agency = office
            #expect(try await harness.feedback.listAgencyStaff(list, options: communeAdmin).staff.map(\.memberID) == ["m_clerk"])
            #expect(try await harness.feedback.listAgencyStaff(list, options: try harness.tokens.options("m_clerk", []))
                .staff.count == 1)
            #expect(await statusCode {
                _ = try await harness.feedback.listAgencyStaff(list, options: try harness.staff(of: tree.commune))
            } == .permissionDenied)

            #expect(await refusedField { try await harness.appoint("clerk", to: office, as: communeAdmin) } == "member_id")
            #expect(await refusedField {
                try await harness.appoint("m_clerk", to: agency(tree.cellA, .office), as: try harness.admin(of: tree.province))
            } == "agency.unit_id")
            #expect(await refusedField {
                try await harness.appoint("m_clerk", to: agency(tree.commune, .unspecified), as: communeAdmin)
            } == "agency.kind")
        }
    }

    @Test func aRemovalTakesEffectOnTheNextCall() async throws {
        try await FeedbackHarness.run("staff-remove") { harness in
            let tree = harness.tree
            let item = try await harness.submit("Lan")
            let clerk = try await harness.agencyStaff(of: tree.commune, memberID: "m_clerk", kinds: [.office])
            #expect(try await harness.get(item.id, as: clerk).id == item.id)

            var remove = RemoveAgencyStaffRequest()
            remove.agency = agency(tree.commune, .office)
            remove.memberID = "m_clerk"
            #expect(await statusCode {
                _ = try await harness.feedback.removeAgencyStaff(remove, options: try harness.staff(of: tree.commune))
            } == .permissionDenied)
            #expect(try await harness.feedback.removeAgencyStaff(remove, options: try harness.admin(of: tree.commune)).removed)
            #expect(await statusCode { _ = try await harness.get(item.id, as: clerk) } == .notFound)
            #expect(await statusCode { _ = try await harness.inbox(agency(tree.commune, .office), as: clerk) }
                == .permissionDenied)
            // Removing again changes nothing.
            #expect(try await harness.feedback.removeAgencyStaff(remove, options: try harness.admin(of: tree.commune))
                .removed == false)
        }
    }

    @Test func aSecretaryActingForAStaffMemberDoesNotActAsTheirAgency() async throws {
        try await FeedbackHarness.run("staff-proxy") { harness in
            let tree = harness.tree
            let office = agency(tree.commune, .office)
            try await harness.appoint(tree.member("Lan").memberID, to: office, as: try harness.admin(of: tree.commune))
            #expect(try await harness.inbox(office, as: try harness.member("Lan")).items.isEmpty)
            #expect(await statusCode { _ = try await harness.inbox(office, as: try harness.proxy(for: "Lan")) }
                == .permissionDenied)
        }
    }
}
