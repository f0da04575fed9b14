import OrgContracts
import RPC

/// Builds an `ImportReport`: every count whole, every list cut at the caller's
/// `detail_limit`, so a report on a province file stays small.
struct ImportReportBuilder {
    static let defaultLimit = 100
    static let maxLimit = 10_000

    /// The lists' length for a request's `detail_limit` (0 means the default).
    static func limit(_ requested: Int32) throws(RPCError) -> Int {
        guard requested >= 0 else { throw RPCError.invalidArgument(field: "detail_limit", "must not be negative") }
        return requested == 0 ? defaultLimit : min(Int(requested), maxLimit)
    }

    let limit: Int
    private var report = ImportReport()

    init(importID: String, kind: ImportKind, rows: Int, limit: Int) {
        self.limit = limit
        report.importID = importID
        report.kind = kind
        report.rows = Int64(rows)
    }

    var problemCount: Int64 { report.problemCount }
    var hasProblems: Bool { problemCount > 0 }

    mutating func problem(line: Int32, column: String, _ reason: String) {
        report.problemCount += 1
        guard report.problems.count < limit else { return }
        var problem = RowProblem()
        problem.line = line
        problem.column = column
        problem.reason = reason
        report.problems.append(problem)
    }

    mutating func problem(_ problem: RowProblem) {
        self.problem(line: problem.line, column: problem.column, problem.reason)
    }

    /// A check that failed with INVALID_ARGUMENT: the field it names is the column
    /// (member checks name "member.<field>").
    mutating func problem(line: Int32, _ error: RPCError) {
        let field = error.fieldViolations.first?.field ?? ""
        let column = field.hasPrefix("member.") ? String(field.dropFirst("member.".count)) : field
        problem(line: line, column: column, error.fieldViolations.first?.description ?? error.message)
    }

    mutating func added(_ record: String) {
        report.addedCount += 1
        if report.added.count < limit { report.added.append(record) }
    }

    /// A record whose fields `changes` differ (each listed, the record counted once).
    mutating func changed(_ changes: [FieldChange]) {
        guard !changes.isEmpty else { return }
        report.changedCount += 1
        report.changes.append(contentsOf: changes.prefix(limit - report.changes.count))
    }

    mutating func moved(_ move: FieldChange) {
        report.movedCount += 1
        if report.moves.count < limit { report.moves.append(move) }
    }

    /// Counts a missing record; `describe` runs only while the list has room (it may
    /// cost a decryption).
    mutating func missing(_ describe: () throws -> String) rethrows {
        report.missingCount += 1
        if report.missing.count < limit { report.missing.append(try describe()) }
    }

    mutating func conflict(_ conflict: FieldChange) {
        report.conflictCount += 1
        if report.conflicts.count < limit { report.conflicts.append(conflict) }
    }

    mutating func unchanged() {
        report.unchangedCount += 1
    }

    /// The report as answered: whether it was applied, and how long it took.
    func finished(applied: Bool, durationMs: Int64) -> ImportReport {
        var report = report
        report.applied = applied
        report.durationMS = durationMs
        return report
    }

    static func fieldChange(_ record: String, _ field: String, _ old: String, _ new: String) -> FieldChange {
        var change = FieldChange()
        change.record = record
        change.field = field
        change.oldValue = old
        change.newValue = new
        return change
    }
}
