import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// An import as staged in `imports`: its header and where it stands.
struct StagedImport {
    enum State: Int64 {
        case staging = 1
        case applied = 2
    }

    let id: String
    let kind: ImportKind
    let header: ImportHeader
    let source: String
    let state: State
    let rowCount: Int64
    let appliedAtMs: Int64?
}

/// The `imports` and `import_rows` tables: a registry file staged chunk by chunk until
/// it is planned and applied. Rows go when the import is applied; an import never
/// applied expires after `lifetimeMs` (swept when the next one starts), so a dry run or
/// an abandoned upload leaves nothing behind for long.
struct ImportStaging {
    static let maxRowsPerCall = 5_000
    /// A national export is imported province by province; half a million rows is
    /// Hanoi's registry with room to spare, and what one plan holds in memory.
    static let maxRows: Int64 = 500_000
    static let maxColumns = 64
    static let maxValueLength = 2_000
    static let lifetimeMs: Int64 = 60 * 60 * 1000

    let connection: Connection

    func start(kind: ImportKind, columns: [String], source: String, nowMs: Int64) throws -> String {
        try connection.execute(
            "DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE state = ? AND created_at_ms < ?)",
            [StagedImport.State.staging.rawValue, nowMs - Self.lifetimeMs])
        try connection.execute("DELETE FROM imports WHERE state = ? AND created_at_ms < ?",
                               [StagedImport.State.staging.rawValue, nowMs - Self.lifetimeMs])
        let id = RecordID.make("imp", nowMs: nowMs)
        var header = ImportRow()
        header.line = ImportHeader.line
        header.values = columns
        try connection.execute(
            "INSERT INTO imports (id, kind, columns, source, created_at_ms, state) VALUES (?, ?, ?, ?, ?, ?)",
            [id, Int64(kind.rawValue), header.wireEncoded(), source, nowMs, StagedImport.State.staging.rawValue])
        return id
    }

    /// The import, or NOT_FOUND (also once it expired).
    func require(_ id: String) throws -> StagedImport {
        let id = try RecordID.checked(id, prefix: "imp", field: "import_id")
        guard let row = try connection.queryOne(
            "SELECT kind, columns, source, state, row_count, applied_at_ms FROM imports WHERE id = ?", [id]) else {
            throw RPCError(.notFound, "import_id: no import \(id.prefix(64)) (unapplied imports expire after an hour)")
        }
        let kind = ImportKind(rawValue: Int32(try row.get(0) as Int64))
        let header = try ImportRow(wireEncoded: try row.get(1) as [UInt8])
        return StagedImport(
            id: id, kind: kind, header: ImportHeader(kind: kind, columns: header.values), source: try row.get(2),
            state: StagedImport.State(rawValue: try row.get(3)) ?? .applied, rowCount: try row.get(4),
            appliedAtMs: try row.get(5))
    }

    /// The import, which must not be applied yet: applying twice is refused.
    func requireStaging(_ id: String) throws -> StagedImport {
        let staged = try require(id)
        guard staged.state == .staging else {
            throw RPCError(.failedPrecondition,
                           "import \(id.prefix(64)) was already applied (at \(staged.appliedAtMs ?? 0) ms); start a new one")
        }
        return staged
    }

    /// Stages `rows` (already checked by the caller); answers the import's row count.
    func add(_ rows: [ImportRow], to staged: StagedImport) throws -> Int64 {
        let total = staged.rowCount + Int64(rows.count)
        guard total <= Self.maxRows else {
            throw RPCError(.resourceExhausted, "rows: an import holds at most \(Self.maxRows) rows; split the file")
        }
        for row in rows {
            do {
                try connection.execute("INSERT INTO import_rows (import_id, line, encoded_row) VALUES (?, ?, ?)",
                                       [staged.id, Int64(row.line), row.wireEncoded()])
            } catch let error as StoreError where error.isDuplicateKey {
                throw RPCError.invalidArgument(field: "rows", "line \(row.line) was already staged")
            }
        }
        try connection.execute("UPDATE imports SET row_count = ? WHERE id = ?", [total, staged.id])
        return total
    }

    /// Every staged row, in line order.
    func rows(of staged: StagedImport) throws -> [ImportRow] {
        var rows: [ImportRow] = []
        rows.reserveCapacity(Int(staged.rowCount))
        try connection.forEachRow("SELECT encoded_row FROM import_rows WHERE import_id = ? ORDER BY line", [staged.id]) {
            rows.append(try ImportRow(wireEncoded: try $0.get(0) as [UInt8]))
        }
        return rows
    }

    /// Keeps the import as a record of what was applied when, without its rows.
    func markApplied(_ staged: StagedImport, nowMs: Int64) throws {
        try connection.execute("DELETE FROM import_rows WHERE import_id = ?", [staged.id])
        try connection.execute("UPDATE imports SET state = ?, applied_at_ms = ? WHERE id = ?",
                               [StagedImport.State.applied.rawValue, nowMs, staged.id])
    }

    /// Drops an import that was not applied, with its rows; an applied import, or one
    /// already gone, is left as it is (so a retried discard is harmless).
    func discard(_ id: String) throws {
        try connection.execute(
            "DELETE FROM import_rows WHERE import_id IN (SELECT id FROM imports WHERE id = ? AND state != ?)",
            [id, StagedImport.State.applied.rawValue])
        try connection.execute("DELETE FROM imports WHERE id = ? AND state != ?", [id, StagedImport.State.applied.rawValue])
    }
}
