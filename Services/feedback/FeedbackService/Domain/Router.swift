import FeedbackContracts

/// Chooses the agency for an item: among the rules on the member's unit and its
/// ancestors, the most specific wins (the deepest unit, then a rule for the item's
/// category over one for every category). A rule names an agency kind and which
/// committee answers, counted in committees from the member's unit and never above the
/// rule's own unit. With no rule, the office of the member's nearest committee answers:
/// an item is never routed nowhere.
struct Router {
    /// The member's unit and its ancestors, nearest first.
    let chain: [String]
    /// Of `chain`, the units that are committees, nearest first.
    let committees: [String]

    func route(category: Category, rules: [RoutingRule]) -> Route {
        // (rule, how far its unit is from the member's: 0 for the member's own unit).
        var candidates: [(rule: RoutingRule, position: Int)] = []
        for rule in rules where rule.category == category || rule.category == .unspecified {
            if let position = chain.firstIndex(of: rule.unitID) { candidates.append((rule, position)) }
        }
        candidates.sort { lhs, rhs in
            if lhs.position != rhs.position { return lhs.position < rhs.position }
            return lhs.rule.category != .unspecified && rhs.rule.category == .unspecified
        }
        for (rule, position) in candidates {
            if let unitID = committee(for: rule, rulePosition: position) {
                return Self.route(unitID: unitID, kind: rule.agencyKind, ruleID: rule.id)
            }
        }
        return Self.route(unitID: committees.first ?? chain.last ?? "", kind: .office, ruleID: "")
    }

    /// The committee `rule` sends to: the rule's unit itself, or the n-th committee up
    /// from the member that lies at or below the rule's unit (the highest such when
    /// there are fewer).
    private func committee(for rule: RoutingRule, rulePosition: Int) -> String? {
        if rule.atRuleUnit { return rule.unitID }
        let inScope = committees.filter { chain.firstIndex(of: $0).map { $0 <= rulePosition } ?? false }
        guard !inScope.isEmpty else { return nil }
        return inScope[min(Int(max(rule.committeesAbove, 0)), inScope.count - 1)]
    }

    static func route(unitID: String, kind: AgencyKind, ruleID: String) -> Route {
        var agency = Agency()
        agency.unitID = unitID
        agency.kind = kind
        var route = Route()
        route.agency = agency
        route.ruleID = ruleID
        return route
    }
}
