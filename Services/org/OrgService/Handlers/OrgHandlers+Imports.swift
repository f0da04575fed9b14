import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit

/// Bulk import from the national registry's exports (docs/import.md), for operators:
/// stage the file in chunks, plan it (every problem, and the differences with what is
/// here), apply it in one transaction. The registry is the master of member records,
/// but edits made here since the last import are reported as conflicts, never
/// silently overwritten.
extension OrgHandlers {
    /// Longer than any column the registry's exports name.
    static let columnName = TextLimit(maxCharacters: 64)

    func startImport(_ request: StartImportRequest, context: CallContext) async throws -> StartImportResponse {
        try Access(context).requireOperator(to: "import registry files")
        guard request.kind == .units || request.kind == .members else {
            throw RPCError.invalidArgument(field: "kind", "must be UNITS or MEMBERS")
        }
        guard (1...ImportStaging.maxColumns).contains(request.columns.count) else {
            throw RPCError.invalidArgument(field: "columns", "must name 1 to \(ImportStaging.maxColumns) columns")
        }
        // Header problems (unknown, repeated, missing columns) are reported by the plan
        // on line 1, with the rows' problems, so one report shows everything.
        var names: [String] = []
        for (index, column) in request.columns.enumerated() {
            let name = try TextInput.checked(column, field: "columns[\(index)]", limit: Self.columnName, required: false)
            names.append(ImportHeader.trimmed(name).lowercased())
        }
        let columns = names
        let source = try UnitRules.checkedName(request.sourceName, field: "source_name")
        return try await write { connection, now in
            var response = StartImportResponse()
            response.importID = try ImportStaging(connection: connection)
                .start(kind: request.kind, columns: columns, source: source, nowMs: now)
            return response
        }
    }

    func addImportRows(_ request: AddImportRowsRequest, context: CallContext) async throws -> AddImportRowsResponse {
        try Access(context).requireOperator(to: "import registry files")
        guard request.rows.count <= ImportStaging.maxRowsPerCall else {
            throw RPCError.invalidArgument(field: "rows", "at most \(ImportStaging.maxRowsPerCall) rows per call")
        }
        for (index, row) in request.rows.enumerated() {
            guard row.line > ImportHeader.line else {
                throw RPCError.invalidArgument(field: "rows[\(index)].line", "must be 2 or more (line 1 is the header)")
            }
            guard row.values.count <= ImportStaging.maxColumns,
                  row.values.allSatisfy({ $0.utf8.count <= ImportStaging.maxValueLength }) else {
                throw RPCError.invalidArgument(
                    field: "rows[\(index)].values",
                    "at most \(ImportStaging.maxColumns) values of \(ImportStaging.maxValueLength) bytes (line \(row.line))")
            }
        }
        return try await write { connection, _ in
            let staging = ImportStaging(connection: connection)
            var response = AddImportRowsResponse()
            response.rowsStaged = try staging.add(request.rows, to: try staging.requireStaging(request.importID))
            return response
        }
    }

    func planImport(_ request: PlanImportRequest, context: CallContext) async throws -> ImportReport {
        try Access(context).requireOperator(to: "import registry files")
        let limit = try ImportReportBuilder.limit(request.detailLimit)
        let vault = self.vault
        let now = clock.nowMs
        let started = ContinuousClock.now
        let report = try await read { connection in
            let staged = try ImportStaging(connection: connection).requireStaging(request.importID)
            return try ImportReconciliation(connection: connection, vault: vault, limit: limit, nowMs: now).plan(staged)
        }
        return report.finished(applied: false, durationMs: Self.milliseconds(since: started))
    }

    func discardImport(_ request: DiscardImportRequest, context: CallContext) async throws -> DiscardImportResponse {
        try Access(context).requireOperator(to: "import registry files")
        _ = try RecordID.checked(request.importID, prefix: "imp", field: "import_id")
        try await write { connection, _ in try ImportStaging(connection: connection).discard(request.importID) }
        return DiscardImportResponse()
    }

    /// Applying twice is refused (FAILED_PRECONDITION): the rows are gone once applied.
    func applyImport(_ request: ApplyImportRequest, context: CallContext) async throws -> ImportReport {
        let access = try Access(context)
        try access.requireOperator(to: "import registry files")
        let limit = try ImportReportBuilder.limit(request.detailLimit)
        let vault = self.vault
        let now = clock.nowMs
        let started = ContinuousClock.now
        // One transaction for the whole file, outside group commit: a province's file
        // is one large write that must not hold other members' edits in its batch.
        let report = try await database.write { connection in
            let staged = try ImportStaging(connection: connection).requireStaging(request.importID)
            return try ImportReconciliation(connection: connection, vault: vault, limit: limit, nowMs: now)
                .apply(staged, actorID: access.caller.memberID)
        }
        let applied = report.finished(applied: true, durationMs: Self.milliseconds(since: started))
        logger.forCall(context).info("import applied", [
            "import_id": applied.importID, "rows": "\(applied.rows)", "added": "\(applied.addedCount)",
            "changed": "\(applied.changedCount)", "moved": "\(applied.movedCount)",
            "conflicts": "\(applied.conflictCount)", "duration_ms": "\(applied.durationMS)",
        ])
        return applied
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}
