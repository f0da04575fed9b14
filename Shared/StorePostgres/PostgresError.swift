import Store

/// What went wrong talking to PostgreSQL, classified the way Store classifies
/// SQLite's result codes, so a service maps either engine's failure to the same
/// status (a unique violation is ALREADY_EXISTS, a serialization failure is retried).
/// Keeps the SQLSTATE, the server's message and the SQL, never the parameters: those
/// may be personal data, and this error may be logged.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// 23505: a UNIQUE or PRIMARY KEY constraint (SQLite's SQLITE_CONSTRAINT_UNIQUE).
        case uniqueViolation
        /// 23503 (SQLITE_CONSTRAINT_FOREIGNKEY).
        case foreignKeyViolation
        /// 23502, 23514 and the rest of class 23 (SQLITE_CONSTRAINT_NOTNULL, _CHECK).
        case constraintViolation
        /// 40001 and 40P01: the transaction lost a race and may be run again
        /// (SQLite's SQLITE_BUSY).
        case retryable
        /// Class 08, or no connection at all: the server is unreachable or went away.
        case connection
        /// The database's schema is newer than every migration this build knows.
        case schemaNewerThanCode(databaseVersion: Int, newestKnownVersion: Int)
        /// The migration list is not numbered 1, 2, 3, … in order.
        case invalidMigrations
        /// Anything else the server reported.
        case other
    }

    public let kind: Kind
    /// The five-character SQLSTATE; empty when the error did not come from the server.
    public let sqlState: String
    public let message: String
    public let sql: String?

    public init(kind: Kind, sqlState: String = "", message: String, sql: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
    }

    /// The error for a failed statement, classified by its SQLSTATE.
    init(sqlState: String, message: String, sql: String?) {
        let kind: Kind = switch sqlState {
        case "23505": .uniqueViolation
        case "23503": .foreignKeyViolation
        case "40001", "40P01": .retryable
        case let state where state.hasPrefix("23"): .constraintViolation
        case let state where state.hasPrefix("08") || state.isEmpty: .connection
        default: .other
        }
        self.init(kind: kind, sqlState: sqlState, message: message, sql: sql)
    }

    public var description: String {
        "PostgreSQL \(sqlState.isEmpty ? "" : sqlState + " ")\(message)" + (sql.map { " in: \($0)" } ?? "")
    }
}

extension PostgresError {
    /// The error as Store reports SQLite's (see `StoreError.OtherEngineFailure`).
    public var storeError: StoreError {
        let failure: StoreError.OtherEngineFailure = switch kind {
        case .uniqueViolation: .uniqueViolation
        case .foreignKeyViolation: .foreignKeyViolation
        case .constraintViolation where sqlState == "23502": .notNullViolation
        case .constraintViolation where sqlState == "23514": .checkViolation
        case .constraintViolation: .otherConstraintViolation
        case .retryable, .connection: .busy
        case .schemaNewerThanCode, .invalidMigrations, .other: .other
        }
        return StoreError(otherEngine: failure, message: "PostgreSQL \(sqlState) \(message)", sql: sql)
    }
}
