import FeedbackContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    /// Sets the rule for (unit, category), replacing the one there; administrators of
    /// the unit's subtree only. Rules sit on committees, where agencies are.
    func putRoutingRule(_ request: PutRoutingRuleRequest, context: CallContext) async throws -> RoutingRule {
        let given = request.rule ?? RoutingRule()
        let unitID = try RecordID.checked(given.unitID, prefix: "u", field: "rule.unit_id")
        guard given.category == .unspecified || given.category.label != nil else {
            throw RPCError.invalidArgument(field: "rule.category", "must be a category or unspecified for all")
        }
        guard given.agencyKind.label != nil else {
            throw RPCError.invalidArgument(field: "rule.agency_kind", "must be an agency kind")
        }
        guard (0...50).contains(given.committeesAbove) else {
            throw RPCError.invalidArgument(field: "rule.committees_above", "must be 0 to 50")
        }
        let access = try CallerAccess(context)
        let tree = replica.tree
        try access.require(Self.ruleEditors, on: placed(unitID, in: tree), to: "edit routing rules there")
        guard tree.hasAgencies(unitID) else {
            throw RPCError.invalidArgument(field: "rule.unit_id", "is not a committee with agencies")
        }
        return try await write { connection, now in
            let store = RuleStore(connection: connection)
            var rule = given
            rule.id = try store.existingID(unitID: unitID, category: rule.category) ?? RecordID.make("rr", nowMs: now)
            rule.updatedAtMS = now
            rule.updatedBy = access.caller.memberID
            try store.put(rule)
            return rule
        }
    }

    /// Rights before existence: a rule the caller may not edit and one that does not
    /// exist get the same answer.
    func deleteRoutingRule(_ request: DeleteRoutingRuleRequest, context: CallContext) async throws
        -> DeleteRoutingRuleResponse
    {
        let ruleID = try RecordID.checked(request.ruleID, prefix: "rr", field: "rule_id")
        let access = try CallerAccess(context)
        guard access.caller.claims.grants.contains(where: { Self.ruleEditors.contains($0.role) }) else {
            throw RPCError(.permissionDenied, "you hold no grant that allows you to edit routing rules")
        }
        let tree = replica.tree
        try await write { connection, _ in
            let store = RuleStore(connection: connection)
            guard let rule = try store.find(ruleID),
                  access.holds(Self.ruleEditors, on: PlacedUnit(id: rule.unitID, ancestorIDs: tree.ancestors(of: rule.unitID) ?? []))
            else { throw RPCError(.notFound, "rule_id: no rule you may edit") }
            try store.delete(ruleID)
        }
        return DeleteRoutingRuleResponse()
    }

    /// The rules that cover the members of `unit_id` (on it and above), most specific first.
    func listRoutingRules(_ request: ListRoutingRulesRequest, context: CallContext) async throws -> RoutingRuleList {
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        let tree = replica.tree
        try requireStaff(try CallerAccess(context), of: unitID, in: tree, to: "read routing rules there")
        let chain = tree.chain(from: unitID)
        var list = RoutingRuleList()
        list.rules = try await read { connection in try RuleStore(connection: connection).covering(chain) }
            .sorted { lhs, rhs in
                let (left, right) = (chain.firstIndex(of: lhs.unitID) ?? 0, chain.firstIndex(of: rhs.unitID) ?? 0)
                return left != right ? left < right : lhs.category.rawValue > rhs.category.rawValue
            }
        return list
    }

    func previewRoute(_ request: PreviewRouteRequest, context: CallContext) async throws -> Route {
        let unitID = try RecordID.checked(request.memberUnitID, prefix: "u", field: "member_unit_id")
        let tree = replica.tree
        try requireStaff(try CallerAccess(context), of: unitID, in: tree, to: "preview routes there")
        let chain = tree.chain(from: unitID)
        let rules = try await read { connection in try RuleStore(connection: connection).covering(chain) }
        return Router(chain: chain, committees: chain.filter(tree.hasAgencies)).route(category: request.category, rules: rules)
    }
}
