import CSQLite

extension StoreError {
    /// What went wrong in another engine (StorePostgres), in the classes SQLite's result
    /// codes fall into, so that ServiceKit's StoreErrorInterceptor and the services'
    /// own checks (`isDuplicateKey`, `constraintViolation`) treat either engine's
    /// failure the same way.
    public enum OtherEngineFailure: Sendable {
        case uniqueViolation
        case foreignKeyViolation
        case notNullViolation
        case checkViolation
        case otherConstraintViolation
        /// The transaction lost a race (a serialization failure, a deadlock) or the
        /// server is out of reach: another try, maybe on another replica, may succeed.
        case busy
        case other
    }

    /// The error as SQLite would have reported the same failure (its codes stand for
    /// the class; the message is the other engine's, which names constraints, never
    /// bound values).
    public init(otherEngine failure: OtherEngineFailure, message: String, sql: String?) {
        let code: Int32 = switch failure {
        case .uniqueViolation: sotay_sqlite_constraint_unique
        case .foreignKeyViolation: sotay_sqlite_constraint_foreignkey
        case .notNullViolation: sotay_sqlite_constraint_notnull
        case .checkViolation: sotay_sqlite_constraint_check
        case .otherConstraintViolation: SQLITE_CONSTRAINT
        case .busy: SQLITE_BUSY
        case .other: SQLITE_ERROR
        }
        self.init(sqliteCode: code, message: message, sql: sql)
    }
}

extension StoreError {
    /// True when the database was busy, locked, or (for another engine) out of reach:
    /// the work did not happen, and may succeed when tried again.
    public var isBusy: Bool {
        kind == .sqlite && (primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED)
    }
}
