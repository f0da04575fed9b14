import OrgContracts

/// An import report as the operator reads it: counts first, then each list (problems,
/// changes, moves, missing, conflicts, additions), cut where the server cut it, with
/// "… and N more".
struct ImportReportText {
    let report: ImportReport
    let fileName: String
    /// The `detail_limit` the report was asked with: a list this long may have been cut.
    let detailLimit: Int32

    /// Counts and problems (what a dry run shows).
    var validation: String {
        (summary + problems).joined(separator: "\n")
    }

    /// Everything the report holds.
    var plan: String {
        var lines = summary + problems
        lines += section("changes", report.changes.map(Self.describe), total: nil)
        lines += section("moves", report.moves.map(Self.describe), total: report.movedCount)
        lines += section("missing from the file (kept, not removed)", report.missing, total: report.missingCount)
        lines += section("conflicts (edited here since the last import; kept as edited)",
                         report.conflicts.map(Self.describe), total: report.conflictCount)
        lines += section("added", report.added, total: report.addedCount)
        return lines.joined(separator: "\n")
    }

    /// The last line: what happened and what to do next.
    func closing(mode: ImportCommand.Mode, command: String) -> String {
        if report.problemCount > 0 {
            return "nothing was imported: fix the \(report.problemCount) problem(s) and run the command again"
        }
        switch mode {
        case .dryRun: return "dry run: the file is valid; nothing was imported"
        case .report: return "nothing was imported yet: to apply this, run `\(command) --apply`"
        case .apply: return "applied in \(report.durationMS) ms"
        }
    }

    private var summary: [String] {
        [
            "\(fileName): \(report.rows) rows, \(report.problemCount) problem(s)",
            "  added      \(report.addedCount)",
            "  changed    \(report.changedCount)",
            "  moved      \(report.movedCount)",
            "  missing    \(report.missingCount)",
            "  conflicts  \(report.conflictCount)",
            "  unchanged  \(report.unchangedCount)",
        ]
    }

    private var problems: [String] {
        let lines = report.problems.map { problem in
            problem.column.isEmpty ? "line \(problem.line): \(problem.reason)"
                : "line \(problem.line), column \(problem.column): \(problem.reason)"
        }
        return section("problems", lines, total: report.problemCount)
    }

    /// A titled list; `total` nil when the list counts fields and the total counts
    /// records (changes), so only a cut list is flagged.
    private func section(_ title: String, _ lines: [String], total: Int64?) -> [String] {
        guard !lines.isEmpty else { return [] }
        var section = ["\(title):"] + lines.map { "  " + $0 }
        if let total, total > Int64(lines.count) {
            section.append("  … and \(total - Int64(lines.count)) more")
        } else if total == nil, lines.count >= Int(detailLimit) {
            section.append("  … the list stops at \(detailLimit) fields; \(report.changedCount) records changed")
        }
        return section
    }

    private static func describe(_ change: FieldChange) -> String {
        change.oldValue == change.newValue
            ? "\(change.record)  \(change.field): \(change.newValue)"
            : "\(change.record)  \(change.field): \(show(change.oldValue)) → \(show(change.newValue))"
    }

    private static func show(_ value: String) -> String {
        value.isEmpty ? "(empty)" : value
    }
}
