import FeedbackContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    /// A member's item, routed at once to the agency that must answer it; the route and
    /// the rule that chose it are recorded with it. A secretary acting for a member
    /// (a proxy token) submits in the member's name, marked as proxy.
    func submitItem(_ request: SubmitItemRequest, context: CallContext) async throws -> Item {
        let title = try TextInput.name(request.title, field: "title")
        let body = try TextInput.checked(request.body, field: "body", limit: FeedbackInputLimits.body)
        let subject = try TextInput.checked(request.subject, field: "subject", limit: .name, required: false)
        guard [.feedback, .proposal, .report, .question].contains(request.kind) else {
            throw RPCError.invalidArgument(field: "kind", "must be feedback, proposal, report or question")
        }
        guard request.category.label != nil else { throw RPCError.invalidArgument(field: "category", "must be a category") }
        let concerns = try RecordID.checked(request.concernsUnitID, prefix: "u", field: "concerns_unit_id", required: false)
        let attachments = try FeedbackInputLimits.attachmentIDs(request.attachmentIDs)
        let access = try CallerAccess(context)
        let caller = access.caller
        guard !caller.unitID.isEmpty else { throw RPCError(.permissionDenied, "only members of a unit send feedback") }
        let tree = replica.tree
        let chain = tree.chain(from: caller.unitID, knownAncestors: caller.claims.ancestorUnitIDs)
        let router = Router(chain: chain, committees: chain.filter(tree.hasAgencies))
        let outbox = self.outbox
        return try await writeAndNotify { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "SubmitItem", request: request, nowMs: now)
            if let first = try call?.recorded(Item.self, in: connection) { return first }
            let route = router.route(category: request.category, rules: try RuleStore(connection: connection).covering(chain))
            var item = Item()
            item.id = RecordID.make("fb", nowMs: now)
            item.kind = request.kind
            item.category = request.category
            item.title = title
            item.body = body
            item.concernsUnitID = concerns
            item.subject = subject
            item.attachmentIDs = attachments
            item.memberID = caller.memberID
            item.memberUnitID = caller.unitID
            item.proxyMemberID = caller.proxyMemberID ?? ""
            item.status = .received
            item.agency = route.agency
            item.routedByRuleID = route.ruleID
            item.submittedAtMS = now
            item.dueAtMS = now + Deadlines.answerWithinMs(request.category)
            let store = ItemStore(connection: connection)
            try store.insert(item)
            let submitted = ItemEvent.make(.eventSubmitted, atMS: now, status: .received, agency: route.agency ?? Agency())
            try store.append([submitted], to: item.id)
            item.events = [submitted]
            try Notices.enqueue(submitted, of: item, outbox: outbox, nowMs: now, in: connection)
            try call?.remember(item, in: connection)
            return item
        }
    }
}
