import FeedbackContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// What `sotay up` adds on a first start when the feedback service runs: routing rules
/// for the demo province (each board answers its field, the office the rest) and a
/// handful of items from the province's members in every status an agency can set by
/// hand (escalation needs a deadline to pass, so no item starts escalated). The root's
/// administrator appoints staff to every agency of the root, who handle the items of
/// their kind of agency throughout the province: `m_demostaff` (a token only, which
/// sets the statuses) and the first member of the province that org lists, who can
/// register with `sotay app` and try the agency's side by hand. Tokens
/// (`SignedTokens`) are for that administrator, `m_demostaff` and each member who writes.
struct FeedbackDemo {
    let environment: OperatorEnvironment

    func seed() async throws {
        let tokens = try SignedTokens(keyFile: environment.tokenKeyFile)
        let (orgChannel, feedbackChannel) = (try environment.channel(to: .org), try environment.channel(to: .feedback))
        defer {
            orgChannel.close()
            feedbackChannel.close()
        }
        let org = OrgServiceClient(channel: orgChannel)
        let feedback = FeedbackServiceClient(channel: feedbackChannel)
        var snapshot = GetTreeSnapshotRequest()
        snapshot.pageSize = 10_000
        let units = try await org.getTreeSnapshot(snapshot, options: try tokens.options("operator", [(.operator, "")])).units
        let parents = UnitParents(units: units)
        guard let root = units.first(where: { $0.parentID.isEmpty })?.id else { return }
        let admin = try tokens.options("m_demo_admin", [(.administrator, root)])
        let staff = try tokens.options("m_demostaff", [(.committeeStaff, root)])

        var rulesOnRoot = ListRoutingRulesRequest()
        rulesOnRoot.unitID = root
        // The replica follows org's feed a moment behind the import: wait until it knows the tree.
        var known = false
        for _ in 0..<60 where !known {
            known = (try? await feedback.listRoutingRules(rulesOnRoot, options: staff)) != nil
            if !known { try await Task.sleep(for: .seconds(1)) }
        }
        guard try await feedback.listRoutingRules(rulesOnRoot, options: staff).rules.isEmpty else { return }
        for (category, kind, atRoot) in [(Category.partyBuilding, AgencyKind.organisationBoard, false),
                                         (.ideology, .propagandaBoard, false), (.discipline, .inspectionCommission, true),
                                         (.internalAffairsMatter, .internalAffairs, true)] {
            var rule = RoutingRule()
            (rule.unitID, rule.category, rule.agencyKind, rule.atRuleUnit) = (root, category, kind, atRoot)
            var request = PutRoutingRuleRequest()
            request.rule = rule
            _ = try await feedback.putRoutingRule(request, options: admin)
        }

        var search = SearchMembersRequest()
        search.withinUnitID = root
        search.pageSize = 9
        let people = try await org.searchMembers(search, options: admin).members
        guard let demoStaff = people.first else { return }
        for memberID in ["m_demostaff", demoStaff.id] {
            for kind in FeedbackAppCommand.agencyKinds.values {
                var appoint = AppointAgencyStaffRequest()
                var agency = Agency()
                (agency.unitID, agency.kind) = (root, kind)
                (appoint.agency, appoint.memberID) = (agency, memberID)
                _ = try await feedback.appointAgencyStaff(appoint, options: admin)
            }
        }
        func member(_ index: Int) throws -> CallOptions {
            let person = people[index % people.count]
            return try tokens.options(person.id, [(.member, person.unitID)], unitID: person.unitID,
                                      ancestors: parents.ancestors(of: person.unitID))
        }
        func submit(_ index: Int, _ category: Category, _ title: String, _ body: String) async throws -> Item {
            var request = SubmitItemRequest()
            (request.kind, request.category, request.title, request.body) = (.question, category, title, body)
            return try await feedback.submitItem(request, options: try member(index))
        }

        let delivered = try await submit(1, .administration, "Lịch sinh hoạt chi bộ", "Xin cho biết lịch sinh hoạt chi bộ tháng tới.")
        var inbox = ListInboxRequest()
        inbox.agency = delivered.agency
        _ = try await feedback.listInbox(inbox, options: staff)

        var start = StartItemRequest()
        start.itemID = try await submit(2, .partyBuilding, "Chuyển sinh hoạt đảng", "Thủ tục chuyển sinh hoạt đảng tạm thời?").id
        _ = try await feedback.startItem(start, options: staff)

        var answer = AnswerItemRequest()
        answer.itemID = try await submit(3, .ideology, "Học tập nghị quyết trực tuyến",
                                         "Học nghị quyết trên ứng dụng có được tính không?").id
        (answer.visibility, answer.text) = (.public, "Có: học tập trực tuyến được tính như học tập tập trung.")
        answer.publicQuestion = "Học tập nghị quyết trực tuyến có được tính không?"
        _ = try await feedback.answerItem(answer, options: staff)

        answer.itemID = try await submit(4, .partyBuilding, "Hồ sơ đảng viên", "Ngày vào đảng trong hồ sơ của tôi bị sai.").id
        (answer.visibility, answer.text, answer.publicQuestion) = (.private, "Đã sửa ngày vào đảng trong hồ sơ.", "")
        _ = try await feedback.answerItem(answer, options: staff)
        var close = CloseItemRequest()
        close.itemID = answer.itemID
        _ = try await feedback.closeItem(close, options: try member(4))

        var refer = ReferItemRequest()
        refer.itemID = try await submit(5, .other, "Đường liên thôn", "Đường liên thôn bị sạt lở cần sửa.").id
        (refer.referredTo, refer.reason) = ("Ủy ban nhân dân xã", "Việc sửa đường thuộc chính quyền xã")
        _ = try await feedback.referItem(refer, options: staff)

        var duplicate = MarkDuplicateRequest()
        duplicate.itemID = try await submit(6, .administration, "Lịch sinh hoạt", "Lịch sinh hoạt chi bộ tháng tới là khi nào?").id
        (duplicate.duplicateOfID, duplicate.reason) = (delivered.id, "Cùng câu hỏi đã được tiếp nhận")
        _ = try await feedback.markDuplicate(duplicate, options: staff)

        answer.itemID = try await submit(7, .partyBuilding, "Đảng phí", "Mức đảng phí của đảng viên hưu trí?").id
        answer.text = "Theo quy định hiện hành."
        _ = try await feedback.answerItem(answer, options: staff)
        var reopen = ReopenItemRequest()
        (reopen.itemID, reopen.reason) = (answer.itemID, "Xin nêu rõ mức cụ thể")
        _ = try await feedback.reopenItem(reopen, options: try member(7))

        _ = try await submit(0, .discipline, "Góp ý về tác phong", "Đề nghị nhắc nhở việc đi họp muộn.")
        _ = try await submit(8, .administration, "Ứng dụng Sổ tay", "Ứng dụng đăng nhập chậm vào buổi sáng.")
        print("first start: feedback has routing rules for the province and items in every status (sotay app feedback …);"
              + " \(demoStaff.fullName) (\(demoStaff.id)) staffs every agency of the province: register them with"
              + " `sotay app register` (card in data/seed/province/members.csv), then `sotay app inbox \(root)`")
    }
}
