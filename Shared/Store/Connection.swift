import CSQLite

/// One SQLite connection. A `Connection` is handed to the closures of `Database.read`,
/// `write` and `submit`, which run on the connection's own serial queue; it is not
/// `Sendable`, so the compiler keeps it there.
public final class Connection {
    /// What a connection is for, which decides how it is opened.
    enum Role {
        /// The database's one writer: creates the file, switches it to WAL.
        case writer
        /// A reader from the pool: may not write (`query_only`).
        case reader
        /// The destination of a backup: a plain file, written once.
        case backupDestination
    }

    /// A cache larger than any service's set of statements means SQL is being built
    /// at run time; the cache is emptied then rather than growing without bound.
    private static let statementCacheLimit = 256

    // Safety: `handle` is the sqlite3 connection this object opened (opened with
    // SQLITE_OPEN_NOMUTEX, so SQLite does not lock it: every use is on the one queue
    // that owns this non-Sendable object). It is closed exactly once, by `close()` or
    // deinit, and set to nil then; every use goes through `openHandle()`.
    private var handle: OpaquePointer?
    private var statementCache: [String: Statement] = [:]
    /// The savepoint statements of each nesting depth (index 0 for depth 1), prepared
    /// once: every group-commit piece runs in a savepoint, so they run more often than
    /// any other SQL, and looking them up by text cost a string build and two hashes.
    private var savepointStatementsByDepth: [SavepointStatements] = []
    var savepointDepth = 0
    /// Raised to stop what this connection runs for a cancelled caller (see
    /// `InterruptFlag`); SQLite's progress handler reads it.
    let interruptFlag = InterruptFlag()
    /// Nesting depth of `uninterruptible`, which removes the progress handler.
    var interruptionsHeld = 0

    init(path: String, role: Role, busyTimeoutMilliseconds: Int32) throws {
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if role != .reader {
            // Created (or tightened) to 0600 before SQLite opens it: SQLite gives the
            // -wal and -shm files the main file's mode.
            try PrivateFiles.prepareDatabaseFile(at: path)
            flags |= SQLITE_OPEN_CREATE
        }
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        handle = opened
        guard code == SQLITE_OK, let opened else {
            let error = StoreError(sqliteCode: code, connection: opened, sql: nil)
            close()
            throw error
        }
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
        installInterruptHandler(on: opened)
        do {
            try configure(for: role)
        } catch {
            close()
            throw error
        }
    }

    private func configure(for role: Role) throws {
        switch role {
        case .writer:
            let mode: String? = try queryOne("PRAGMA journal_mode = WAL")?.get(0)
            guard mode?.lowercased() == "wal" else {
                throw StoreError(sqliteCode: SQLITE_CANTOPEN, message: "the database could not be switched to WAL mode",
                                 sql: "PRAGMA journal_mode = WAL")
            }
            try execute("PRAGMA synchronous = FULL")
            try execute("PRAGMA foreign_keys = ON")
            // Each group-commit piece runs in a savepoint, whose statement journal is a
            // temporary file by default; in memory it costs no system calls. (Temporary
            // data is rebuilt from the database, so this does not touch durability.)
            try execute("PRAGMA temp_store = MEMORY")
        case .reader:
            try execute("PRAGMA foreign_keys = ON")
            try execute("PRAGMA query_only = ON")
        case .backupDestination:
            try execute("PRAGMA synchronous = FULL")
        }
    }

    deinit {
        close()
    }

    /// Finalizes the cached statements and closes the connection. Later calls throw
    /// `StoreError` of kind `.closed`.
    func close() {
        statementCache.removeAll()
        savepointStatementsByDepth.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    func openHandle() throws -> OpaquePointer {
        guard let handle else { throw StoreError(kind: .closed, message: "the database is closed") }
        return handle
    }

    // MARK: Running statements

    /// Runs one statement to completion, ignoring any rows it returns.
    public func execute(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
    }

    /// Runs several `;`-separated statements without arguments (schema scripts in
    /// migrations).
    public func executeScript(_ sql: String) throws {
        let handle = try openHandle()
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw StoreError(sqliteCode: code, connection: handle, sql: sql) }
    }

    /// All the rows of a query.
    public func query(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> [Row] {
        var rows: [Row] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    /// Calls `body` with each row in turn, without collecting them; throwing from
    /// `body` stops the query.
    public func forEachRow(
        _ sql: String, _ arguments: [(any SQLValueConvertible)?] = [], _ body: (Row) throws -> Void
    ) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() { try body(statement.currentRow()) }
        }
    }

    /// The first row of a query, or nil when it returns none.
    public func queryOne(_ sql: String, _ arguments: [(any SQLValueConvertible)?] = []) throws -> Row? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? statement.currentRow() : nil
        }
    }

    /// The rowid of the last row this connection inserted.
    public var lastInsertRowID: Int64 {
        handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// How many rows the last INSERT, UPDATE or DELETE on this connection changed.
    public var changes: Int {
        handle.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    /// True while a transaction is open (SQLite is not in autocommit mode).
    var isInTransaction: Bool {
        handle.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    /// The SAVEPOINT, RELEASE and ROLLBACK TO statements of one nesting depth.
    struct SavepointStatements {
        let begin: Statement
        let release: Statement
        let rollback: Statement
    }

    /// The savepoint statements for `depth` (1 for the outermost), prepared on first
    /// use. Named by depth, so nested savepoints never collide.
    func savepointStatements(atDepth depth: Int) throws -> SavepointStatements {
        while savepointStatementsByDepth.count < depth {
            let handle = try openHandle()
            let name = "sotay_savepoint_\(savepointStatementsByDepth.count + 1)"
            savepointStatementsByDepth.append(SavepointStatements(
                begin: try Statement(sql: "SAVEPOINT \(name)", connection: handle, persistent: true),
                release: try Statement(sql: "RELEASE \(name)", connection: handle, persistent: true),
                rollback: try Statement(sql: "ROLLBACK TO \(name)", connection: handle, persistent: true)))
        }
        return savepointStatementsByDepth[depth - 1]
    }

    /// Runs `statement`, which takes no arguments, to completion.
    func execute(_ statement: Statement) throws {
        defer { statement.reset() }
        while try statement.step() {}
    }

    /// Runs `body` with a prepared statement for `sql`, bound to `arguments`, and
    /// leaves the statement reset and unbound afterwards. Statements are cached by
    /// their SQL; a statement already being stepped is not shared.
    private func withStatement<Result>(
        _ sql: String, _ arguments: [(any SQLValueConvertible)?], _ body: (Statement) throws -> Result
    ) throws -> Result {
        let statement = try statementForUse(sql)
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        try statement.bind(arguments)
        return try body(statement)
    }

    private func statementForUse(_ sql: String) throws -> Statement {
        let handle = try openHandle()
        if let cached = statementCache[sql] {
            return cached.isInUse ? try Statement(sql: sql, connection: handle, persistent: false) : cached
        }
        if statementCache.count >= Self.statementCacheLimit {
            statementCache = statementCache.filter { $0.value.isInUse }
        }
        let statement = try Statement(sql: sql, connection: handle, persistent: true)
        statementCache[sql] = statement
        return statement
    }
}

/// A connection belongs to the queue that runs its closures; it must not travel.
@available(*, unavailable)
extension Connection: Sendable {}
