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

    /// `memberID` appointed (by an administrator of the province) to staff every kind of
    /// agency of `unitID`, or the `kinds` named; their token holds no role grant at
    /// all: handling items rests on the appointment alone.
    /// Unless named, the member is one of the unit's own ("m_staffofXXXX"), so staff of
    /// two units are two people.
    func agencyStaff(of unitID: String, memberID: String? = nil,
                     kinds: [AgencyKind] = AgencyKind.allAgencies) async throws -> CallOptions {
        let memberID = memberID ?? "m_staffof" + unitID.dropFirst(2)
        for kind in kinds { try await appoint(memberID, to: agency(unitID, kind), as: try admin(of: tree.province)) }
        return try tokens.options(memberID, [])
    }

    @discardableResult
    func appoint(_ memberID: String, to agency: Agency, as options: CallOptions) async throws -> AgencyStaffMember {
        var request = AppointAgencyStaffRequest()
        request.agency = agency
        request.memberID = memberID
        return try await feedback.appointAgencyStaff(request, options: options)
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

extension AgencyKind {
    static let allAgencies: [AgencyKind] = [.office, .organisationBoard, .propagandaBoard, .inspectionCommission,
                                            .internalAffairs]
}

extension Int64 {
    static let day: Int64 = 86_400_000
}
