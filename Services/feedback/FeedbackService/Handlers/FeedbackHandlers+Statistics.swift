import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension FeedbackHandlers {
    /// For the agencies of a subtree in a month: items received, answered, overdue
    /// (due in the month, already past, and decided late or not at all), and the
    /// median and 90th percentile time from submit to the first answer of the items
    /// answered in the month. Each item counts for the agency that holds it now. The
    /// caller reads the agencies they staff (and those of the same kind below them);
    /// an administrator of the subtree, who sets its routing, reads them all.
    func getStatistics(_ request: GetStatisticsRequest, context: CallContext) async throws -> Statistics {
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        let month = try ReportMonth(checking: request.month)
        let tree = replica.tree
        let access = try CallerAccess(context)
        let administrator = access.holds(Self.ruleEditors, on: placed(unitID, in: tree))
        let figures = try await read { connection, now in
            let staffed = try Self.staffed(access, in: connection)
            guard administrator || !staffed.isEmpty else {
                throw RPCError(.permissionDenied, "you staff no agency; you may not read feedback statistics")
            }
            // Whether the caller may read an agency's figures, worked out once per agency.
            var readable: [AgencyKey: Bool] = [:]
            var figures: [AgencyKey: AgencyFigures] = [:]
            func count(_ sql: String, _ arguments: [(any SQLValueConvertible)?],
                       _ add: (inout AgencyFigures, Row) throws -> Void) throws {
                try connection.forEachRow("SELECT agency_unit_id, agency_kind, \(sql)", arguments) { row in
                    let key = AgencyKey(unitID: try row.get(0), kind: try row.get(1))
                    let mayRead = readable[key] ?? (tree.isUnit(key.unitID, inSubtreeOf: unitID)
                        && (administrator || staffed.handles(key.agency, in: tree)))
                    readable[key] = mayRead
                    guard mayRead else { return }
                    try add(&figures[key, default: AgencyFigures()], row)
                }
            }
            try count("0 FROM items WHERE submitted_at_ms >= ? AND submitted_at_ms < ?", [month.startMs, month.endMs]) {
                figures, _ in figures.received += 1
            }
            try count("first_answered_at_ms - submitted_at_ms FROM items WHERE first_answered_at_ms >= ? AND first_answered_at_ms < ?",
                      [month.startMs, month.endMs]) { figures, row in figures.answerTimesMs.append(try row.get(2)) }
            try count(
                """
                0 FROM items WHERE first_due_at_ms >= ? AND first_due_at_ms < ? AND first_due_at_ms < ?
                  AND (first_decided_at_ms IS NULL OR first_decided_at_ms > first_due_at_ms)
                """, [month.startMs, month.endMs, now]) { figures, _ in figures.overdue += 1 }
            return figures
        }
        var statistics = Statistics()
        statistics.unitID = unitID
        statistics.month = request.month
        var total = AgencyFigures()
        statistics.agencies = figures.sorted { ($0.key.unitID, $0.key.kind) < ($1.key.unitID, $1.key.kind) }
            .map { key, value in
                total.merge(value)
                return value.statistics(for: key.agency)
            }
        var whole = Agency()
        whole.unitID = unitID
        statistics.total = total.statistics(for: whole)
        return statistics
    }
}
