import Store

/// Reads and adjusts `unit_totals`, the per-unit subtree counts.
enum TotalsTable {
    /// Adds `delta` to the rows of `unitIDs` (a unit and its ancestors: at most the
    /// depth of the tree, so one short statement).
    static func add(_ delta: SubtreeTotals, to unitIDs: [String], in connection: Connection) throws {
        guard !delta.isZero, !unitIDs.isEmpty else { return }
        let assignments = SubtreeTotals.columns.map { "\($0) = \($0) + ?" }.joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: unitIDs.count).joined(separator: ", ")
        let arguments: [(any SQLValueConvertible)?] = delta.values.map { $0 } + unitIDs.map { $0 }
        try connection.execute("UPDATE unit_totals SET \(assignments) WHERE unit_id IN (\(placeholders))", arguments)
    }

    static func insertEmpty(for unitID: String, in connection: Connection) throws {
        try connection.execute("INSERT INTO unit_totals (unit_id) VALUES (?)", [unitID])
    }

    static func read(_ unitID: String, in connection: Connection) throws -> SubtreeTotals {
        let columns = SubtreeTotals.columns.joined(separator: ", ")
        guard let row = try connection.queryOne("SELECT \(columns) FROM unit_totals WHERE unit_id = ?", [unitID]) else {
            return SubtreeTotals()
        }
        return SubtreeTotals(values: try SubtreeTotals.columns.indices.map { try row.get($0) })
    }
}
