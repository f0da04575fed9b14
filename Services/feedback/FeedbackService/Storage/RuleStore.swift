import FeedbackContracts
import Store

/// Routing rules, one per (unit, category).
struct RuleStore {
    let connection: Connection

    /// The rules on any of `unitIDs`.
    func covering(_ unitIDs: [String]) throws -> [RoutingRule] {
        guard !unitIDs.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: unitIDs.count).joined(separator: ",")
        return try connection.query("SELECT record FROM routing_rules WHERE unit_id IN (\(marks))", unitIDs)
            .map { row in try RoutingRule(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }

    func find(_ id: String) throws -> RoutingRule? {
        try connection.queryOne("SELECT record FROM routing_rules WHERE id = ?", [id]).map { row in
            try RoutingRule(wireEncoded: try row.get(0, as: [UInt8].self))
        }
    }

    /// The id of the rule already set for the rule's unit and category, if any.
    func existingID(unitID: String, category: Category) throws -> String? {
        try connection.queryOne("SELECT id FROM routing_rules WHERE unit_id = ? AND category = ?",
                                [unitID, Int64(category.rawValue)]).map { row in try row.get(0, as: String.self) }
    }

    func put(_ rule: RoutingRule) throws {
        try connection.execute(
            "INSERT OR REPLACE INTO routing_rules (id, unit_id, category, record) VALUES (?, ?, ?, ?)",
            [rule.id, rule.unitID, Int64(rule.category.rawValue), rule.wireEncoded()])
    }

    func delete(_ id: String) throws {
        try connection.execute("DELETE FROM routing_rules WHERE id = ?", [id])
    }
}
