import FeedbackContracts
@testable import OperatorCLI
import ServiceKit
import Testing

/// The first-start demo that `sotay up` loads: rules for the province and items in
/// every status an agency sets by hand, against a real org and feedback.
@Suite struct FeedbackDemoTests {
    @Test func theDemoLeavesRulesAndAnItemInEveryStatus() async throws {
        try await FeedbackHarness.run("demo") { harness in
            let tree = harness.tree
            let variables = [
                "SOTAY_TOKEN_KEY_FILE": harness.environment.tokenKeyFile,
                "SOTAY_TLS": "off",  // The harness's services serve plain TCP.
                ServiceName.org.addressVariable: "127.0.0.1:\(harness.org.port)",
                ServiceName.feedback.addressVariable: "127.0.0.1:\(harness.service.port)",
            ]
            try await FeedbackDemo(environment: OperatorEnvironment(variables: variables)).seed()

            var rules = ListRoutingRulesRequest()
            rules.unitID = tree.cellA
            let committeeStaff = try harness.staff(of: tree.province)
            #expect(try await harness.feedback.listRoutingRules(rules, options: committeeStaff).rules.count == 4)
            // The demo's staff hold no role grant: the appointments the seed made are what let them in.
            let staff = try harness.tokens.options("m_demostaff", [])
            var office = ListAgencyStaffRequest()
            office.agency = agency(tree.province, .office)
            let appointed = try await harness.feedback.listAgencyStaff(office, options: staff).staff.map(\.memberID)
            #expect(appointed.count == 2 && appointed.contains("m_demostaff"))
            var statuses = Set<ItemStatus>()
            for unit in [tree.commune, tree.school, tree.province] {
                for kind in [AgencyKind.office, .organisationBoard, .propagandaBoard, .inspectionCommission, .internalAffairs] {
                    var request = ListInboxRequest()
                    request.agency = agency(unit, kind)
                    request.statuses = [.received, .delivered, .inProgress, .answered, .closed, .notOurResponsibility,
                                        .duplicate, .reopened]
                    for item in try await harness.feedback.listInbox(request, options: staff).items {
                        statuses.insert(item.status)
                    }
                }
            }
            #expect(statuses.isSuperset(of: [.delivered, .inProgress, .answered, .closed, .notOurResponsibility, .duplicate,
                                             .reopened]))
            // Seeding again finds the rules and adds nothing.
            try await FeedbackDemo(environment: OperatorEnvironment(variables: variables)).seed()
            #expect(try await harness.feedback.listRoutingRules(rules, options: committeeStaff).rules.count == 4)
        }
    }
}
