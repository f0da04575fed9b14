import CSQLite

/// A prepared statement: bind, step, read the current row, reset. Owned by one
/// `Connection` and used only on that connection's queue.
final class Statement {
    let sql: String
    /// Set while a caller is stepping this statement, so that a nested use of the same
    /// SQL (a query inside `forEachRow`) prepares its own statement instead.
    var isInUse = false
    // Safety: `handle` is the sqlite3_stmt this object prepared; it is finalized exactly
    // once, in deinit, and used only through this object, which lives on its
    // connection's queue (Statement is not Sendable). The connection is closed with
    // sqlite3_close_v2, which waits for its statements to be finalized, so `handle`
    // never outlives its connection.
    private let handle: OpaquePointer
    /// Read at the first row of each run and kept until `reset()`: SQLite re-prepares a
    /// statement after a schema change, so the columns of `SELECT *` may differ
    /// between runs.
    private var columnNamesOfThisRun: [String]?

    init(sql: String, connection: OpaquePointer, persistent: Bool) throws {
        var prepared: OpaquePointer?
        var code: Int32 = SQLITE_OK
        var hasMoreStatements = false
        // Safety: `tail` points into `cSQL`, which is valid only inside this closure, so
        // it is read here and never kept.
        sql.withCString { cSQL in
            var tail: UnsafePointer<CChar>?
            let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
            code = sqlite3_prepare_v3(connection, cSQL, -1, flags, &prepared, &tail)
            let rest = tail.map { String(cString: $0) } ?? ""
            hasMoreStatements = !rest.allSatisfy { $0.isWhitespace || $0 == ";" }
        }
        guard code == SQLITE_OK else {
            sqlite3_finalize(prepared)
            throw StoreError(sqliteCode: code, connection: connection, sql: sql)
        }
        guard let prepared else {
            throw StoreError(sqliteCode: SQLITE_MISUSE, message: "the SQL holds no statement", sql: sql)
        }
        guard !hasMoreStatements else {
            sqlite3_finalize(prepared)
            throw StoreError(
                sqliteCode: SQLITE_MISUSE,
                message: "only one statement may be prepared at a time; use executeScript for several",
                sql: sql)
        }
        self.sql = sql
        self.handle = prepared
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ arguments: [(any SQLValueConvertible)?]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw StoreError(
                sqliteCode: SQLITE_RANGE,
                message: "the statement takes \(expected) arguments, \(arguments.count) were given", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let code = bind(argument?.sqlValue ?? .null, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(let text):
            // Safety: the buffer is valid for the duration of the closure, and
            // SQLITE_TRANSIENT makes SQLite copy it before returning. `utf8CString`
            // always ends with a NUL, so even "" has a base address (a NULL pointer
            // would bind SQL NULL); the explicit length keeps embedded NULs.
            return text.utf8CString.withUnsafeBufferPointer { buffer in
                let length = UInt64(buffer.count - 1)  // without the terminating NUL
                return sqlite3_bind_text64(
                    handle, index, buffer.baseAddress, length, sotay_sqlite_transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let bytes):
            // Safety: as for text; a zero-length blob has no base address, so it is
            // bound with sqlite3_bind_zeroblob, which needs no pointer.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { buffer in
                sqlite3_bind_blob64(handle, index, buffer.baseAddress, UInt64(buffer.count), sotay_sqlite_transient)
            }
        }
    }

    /// Advances to the next row: true when there is one, false when the statement is
    /// done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code)
        }
    }

    /// The row the last `step()` stopped on.
    func currentRow() -> Row {
        let names = columnNamesOfThisRun ?? (0..<sqlite3_column_count(handle)).map { index in
            // The name is owned by the statement and copied at once.
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
        columnNamesOfThisRun = names
        return Row(values: (0..<Int32(names.count)).map(columnValue), columnNames: names)
    }

    private func columnValue(_ index: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Safety: the pointer stays valid until the next step, reset or finalize
            // of this statement; its length comes from sqlite3_column_bytes, called
            // after sqlite3_column_text as SQLite requires. The bytes are copied here.
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let text = sqlite3_column_text(handle, index) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            // Safety: as for text; a zero-length blob comes back as a NULL pointer.
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let blob = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }

    /// Makes the statement ready for its next use (bindings cleared, so no value
    /// lingers in a cached statement).
    func reset() {
        columnNamesOfThisRun = nil
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    private func error(_ code: Int32) -> StoreError {
        StoreError(sqliteCode: code, connection: sqlite3_db_handle(handle), sql: sql)
    }
}
