import FeedbackContracts
import FeedbackService
import Foundation
import OrgService
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport

/// A real org holding the small tree and a real feedback service following it, both
/// through RPC, with the test's clock; tokens for the people of the tree.
struct FeedbackHarness {
    let environment: TestEnvironment
    let tree: OrgFixture.SmallTree
    let feedback: FeedbackServiceClient
    let service: ServiceUnderTest
    let org: ServiceUnderTest

    var tokens: TestTokens { environment.tokens }
    var clock: TestClock { environment.clock }

    /// `sweepIntervalMs`: the background sweep's pause; a day by default, so that tests
    /// run the sweep by RPC when they choose.
    static func run(_ name: String, sweepIntervalMs: Int64 = 86_400_000,
                    _ body: (FeedbackHarness) async throws -> Void) async throws {
        let (template, tree) = try await OrgFixture.smallTree()
        try await withTestEnvironment("feedback-\(name)", copying: template) { environment in
            let org = try await environment.start(OrgServiceDefinition.definition)
            let service = try await environment.start(
                FeedbackServiceDefinition.definition, peers: [org],
                extra: ["SOTAY_FEEDBACK_SWEEP_INTERVAL_MS": "\(sweepIntervalMs)"])
            try await body(FeedbackHarness(environment: environment, tree: tree,
                                           feedback: FeedbackServiceClient(channel: service.channel), service: service,
                                           org: org))
        }
    }

    /// A member of the small tree by given name.
    func member(_ name: String) throws -> CallOptions {
        try tree.options(for: tree.member(name), tokens: tokens)
    }

    /// A cell secretary acting for `name` (auth's proxy token).
    func proxy(for name: String, secretary: String = "m_secretary1") throws -> CallOptions {
        let person = tree.member(name)
        return try tokens.options(tokens.claims(
            person.memberID, grants: [TestTokens.grant(.member, person.unitID)], unitID: person.unitID,
            ancestors: tree.ancestors[person.unitID] ?? [], proxyFor: secretary))
    }

    func staff(of unitID: String, memberID: String = "m_staff1") throws -> CallOptions {
        try tokens.options(memberID, [TestTokens.grant(.committeeStaff, unitID)])
    }

    func admin(of unitID: String) throws -> CallOptions {
        try tokens.asAdmin(of: unitID)
    }

    @discardableResult
    func submit(_ name: String, category: Category = .partyBuilding, title: String = "Thủ tục chuyển sinh hoạt đảng",
                body: String = "Xin hỏi thủ tục chuyển sinh hoạt đảng tạm thời?", key: String = "") async throws -> Item {
        var request = SubmitItemRequest()
        request.kind = .question
        request.category = category
        request.title = title
        request.body = body
        request.idempotencyKey = key
        return try await feedback.submitItem(request, options: try member(name))
    }

    func get(_ itemID: String, as options: CallOptions) async throws -> Item {
        var request = GetItemRequest()
        request.itemID = itemID
        return try await feedback.getItem(request, options: options)
    }

    func inbox(_ agency: Agency, escalated: Bool = false, as options: CallOptions) async throws -> ItemList {
        var request = ListInboxRequest()
        request.agency = agency
        request.escalated = escalated
        return try await feedback.listInbox(request, options: options)
    }

    @discardableResult
    func putRule(on unitID: String, category: Category = .unspecified, kind: AgencyKind, above: Int32 = 0,
                 atRuleUnit: Bool = false, as options: CallOptions) async throws -> RoutingRule {
        var rule = RoutingRule()
        rule.unitID = unitID
        rule.category = category
        rule.agencyKind = kind
        rule.committeesAbove = above
        rule.atRuleUnit = atRuleUnit
        var request = PutRoutingRuleRequest()
        request.rule = rule
        return try await feedback.putRoutingRule(request, options: options)
    }

    func sweep() async throws -> Int64 {
        try await feedback.sweepOverdue(SweepOverdueRequest(), options: try tokens.asOperator).escalated
    }
}

func agency(_ unitID: String, _ kind: AgencyKind) -> Agency {
    var agency = Agency()
    agency.unitID = unitID
    agency.kind = kind
    return agency
}

extension Int64 {
    static let day: Int64 = 86_400_000
}
