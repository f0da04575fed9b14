import CSQLite

/// What went wrong in the store. SQLite failures keep SQLite's primary and extended
/// result codes and the SQL text, never the bound values: those may be personal data,
/// and this error may end up in a log.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// SQLite returned an error; `primaryCode` and `extendedCode` say which.
        case sqlite
        /// The database holds a migration newer than the newest this code knows: it
        /// was written by a newer build, and the store leaves it untouched.
        case schemaNewerThanCode(databaseVersion: Int, newestKnownVersion: Int)
        /// The migration list itself is wrong (not numbered 1, 2, 3, … in order).
        case invalidMigrations
        /// A migration applied to the database was renamed or edited in the code since
        /// (its recorded identifier or checksum differs): the store refuses to start
        /// rather than run on a schema the code does not describe.
        case migrationEdited
        /// A column did not hold the type the caller asked for (for example NULL read
        /// as a non-optional `String`).
        case columnTypeMismatch
        /// A row was asked for a column it does not have.
        case noSuchColumn
        /// SQLite rolled back the whole transaction of a group-commit batch (an I/O
        /// error, a full disk, or a piece that ended the transaction itself): none of
        /// the batch's work that had run so far was kept.
        case transactionRolledBack
        /// The database was closed before this work could run.
        case closed
    }

    public let kind: Kind
    /// SQLite's primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …); 0 when the
    /// error did not come from SQLite.
    public let primaryCode: Int32
    /// SQLite's extended result code (`SQLITE_CONSTRAINT_UNIQUE`, …); 0 when the error
    /// did not come from SQLite.
    public let extendedCode: Int32
    /// SQLite's message, or ours. SQLite's messages name tables, columns and
    /// constraints, never bound values.
    public let message: String
    /// The statement that failed, as written in the code (with `?` placeholders).
    public let sql: String?

    init(kind: Kind, message: String, sql: String? = nil) {
        self.kind = kind
        self.primaryCode = 0
        self.extendedCode = 0
        self.message = message
        self.sql = sql
    }

    init(sqliteCode extendedCode: Int32, message: String, sql: String?) {
        self.kind = .sqlite
        self.primaryCode = extendedCode & 0xFF
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// SQLite's error for `code` on the connection `handle` (whose message is the last
    /// error SQLite recorded there).
    init(sqliteCode code: Int32, connection handle: OpaquePointer?, sql: String?) {
        // sqlite3_errmsg and sqlite3_errstr return static or connection-owned C strings
        // (never NULL for a live connection); they are copied at once.
        let message = (handle.flatMap { sqlite3_errmsg($0) } ?? sqlite3_errstr(code)).map { String(cString: $0) }
        self.init(sqliteCode: code, message: message ?? "SQLite error \(code)", sql: sql)
    }

    /// Which constraint a write broke, or nil when this is not a constraint violation.
    /// Services map `.unique`/`.primaryKey` to ALREADY_EXISTS and `.foreignKey` to
    /// FAILED_PRECONDITION (or NOT_FOUND for the referenced row).
    public var constraintViolation: ConstraintViolation? {
        guard kind == .sqlite, primaryCode == SQLITE_CONSTRAINT else { return nil }
        return ConstraintViolation(extendedCode: extendedCode)
    }

    /// True when a row with the same unique key or primary key already exists.
    public var isDuplicateKey: Bool {
        constraintViolation == .unique || constraintViolation == .primaryKey
    }

    public var description: String {
        let codes = kind == .sqlite ? " (SQLite \(primaryCode)/\(extendedCode))" : ""
        let statement = sql.map { " in `\($0)`" } ?? ""
        return "StoreError: \(message)\(codes)\(statement)"
    }

    /// The same error, its message prefixed with where it happened (a migration's name).
    func inContext(_ context: String) -> StoreError {
        StoreError(copying: self, message: "\(context): \(message)")
    }

    private init(copying other: StoreError, message: String) {
        kind = other.kind
        primaryCode = other.primaryCode
        extendedCode = other.extendedCode
        self.message = message
        sql = other.sql
    }
}

/// The kinds of constraint SQLite enforces, told apart by the extended result code.
public enum ConstraintViolation: Sendable, Equatable {
    case unique
    case primaryKey
    case foreignKey
    case check
    case notNull
    /// Any other constraint (a trigger's RAISE, a datatype in a STRICT table, …).
    case other

    init(extendedCode: Int32) {
        switch extendedCode {
        case sotay_sqlite_constraint_unique: self = .unique
        case sotay_sqlite_constraint_primarykey, sotay_sqlite_constraint_rowid: self = .primaryKey
        case sotay_sqlite_constraint_foreignkey: self = .foreignKey
        case sotay_sqlite_constraint_check: self = .check
        case sotay_sqlite_constraint_notnull: self = .notNull
        default: self = .other
        }
    }
}
