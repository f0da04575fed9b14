import OrgContracts
import ServiceToolkit
import RPC
import Store

/// Plans a staged import against the database, and applies it: the one place that
/// picks the units or members reconciler by the import's kind. Applying plans again
/// inside the applying transaction, so what is applied is exactly what the database
/// holds at that moment, never a stale plan.
struct ImportReconciliation {
    let connection: Connection
    let vault: MemberVault
    let limit: Int
    /// Now, for the dates a file may not put in the future.
    let nowMs: Int64

    private var members: MemberReconciler {
        MemberReconciler(connection: connection, vault: vault, today: ISODate.today(nowMs: nowMs))
    }

    func plan(_ staged: StagedImport) throws -> ImportReportBuilder {
        let rows = try ImportStaging(connection: connection).rows(of: staged)
        switch staged.kind {
        case .units: return try UnitReconciler(connection: connection).plan(staged, rows: rows, limit: limit).report
        case .members:
            return try members.plan(staged, rows: rows, limit: limit).report
        case .unspecified, .unrecognized:
            throw RPCError(.failedPrecondition, "import \(staged.id) has no known kind")
        }
    }

    /// Applies the whole file, or nothing (FAILED_PRECONDITION) when it has problems;
    /// the import is then marked applied and its staged rows dropped.
    func apply(_ staged: StagedImport, actorID: String) throws -> ImportReportBuilder {
        let rows = try ImportStaging(connection: connection).rows(of: staged)
        let reason = "import \(staged.source)"
        let report: ImportReportBuilder
        switch staged.kind {
        case .units:
            let plan = try UnitReconciler(connection: connection).plan(staged, rows: rows, limit: limit)
            try Self.requireClean(plan.report)
            try UnitImportApplier(editor: TreeEditor(connection: connection, actorID: actorID, nowMs: nowMs),
                                  reason: reason).apply(plan)
            report = plan.report
        case .members:
            let plan = try members.plan(staged, rows: rows, limit: limit)
            try Self.requireClean(plan.report)
            try MemberImportApplier(
                editor: MemberEditor(connection: connection, vault: vault, actorID: actorID, nowMs: nowMs),
                mover: MemberMover(connection: connection, actorID: actorID, nowMs: nowMs), reason: reason
            ).apply(plan)
            report = plan.report
        case .unspecified, .unrecognized:
            throw RPCError(.failedPrecondition, "import \(staged.id) has no known kind")
        }
        try ImportStaging(connection: connection).markApplied(staged, nowMs: nowMs)
        return report
    }

    private static func requireClean(_ report: ImportReportBuilder) throws(RPCError) {
        guard !report.hasProblems else {
            throw RPCError(.failedPrecondition,
                           "the file has \(report.problemCount) problem(s): nothing was applied; PlanImport lists them")
        }
    }
}
