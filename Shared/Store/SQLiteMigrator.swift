import CSQLite
import Foundation

/// Brings a SQLite database's schema up to date, as GRDB's migrator does: each pending
/// migration runs in its own `BEGIN IMMEDIATE` transaction, with foreign keys off and
/// `PRAGMA foreign_key_check` before COMMIT, and is recorded by identifier and
/// checksum in `schema_migrations` in that transaction. `PRAGMA user_version` follows
/// the newest applied migration, so that an older build, which knew only
/// `user_version`, still refuses a database newer than itself.
enum SQLiteMigrator {
    private static let createHistory = """
        CREATE TABLE schema_migrations(
            identifier TEXT PRIMARY KEY,
            version INTEGER NOT NULL UNIQUE,
            checksum TEXT NOT NULL,
            applied_at_ms INTEGER NOT NULL
        )
        """

    /// Applies the pending migrations, one transaction each; refuses (and leaves
    /// untouched) a database with a migration the code does not know or one that was
    /// edited since it was applied (`MigrationPlan`). A failing migration rolls back
    /// alone: those before it stay applied and recorded.
    static func migrate(_ connection: Connection, with migrations: [Migration]) throws {
        let plan = try MigrationPlan(validating: migrations)
        // A first look without the write lock, so that replicas starting together on an
        // up-to-date file never wait for one another.
        guard try hasWork(connection, plan) else { return }
        // Foreign keys can be switched off only outside a transaction. Off, a migration
        // can rebuild a table that others reference (create, copy, drop, rename);
        // foreign_key_check before each COMMIT then does what the constraints would.
        try connection.execute("PRAGMA foreign_keys = OFF")
        let applied = Result { while try applyNext(connection, plan) {} }
        let restored = Result { try connection.uninterruptible { try connection.execute("PRAGMA foreign_keys = ON") } }
        try applied.get()
        try restored.get()
    }

    /// Whether anything is to be written: a pending migration, or a database tracked
    /// only by `user_version` to adopt.
    private static func hasWork(_ connection: Connection, _ plan: MigrationPlan) throws -> Bool {
        guard try historyExists(connection) else {
            let version = try userVersion(connection)
            try plan.requireKnown(databaseVersion: version)
            return version > 0 || !plan.migrations.isEmpty
        }
        return try !plan.pending(given: recorded(connection)).isEmpty
    }

    /// In one transaction: reads the history under the write lock (another process may
    /// have migrated since the first look), applies the first pending migration,
    /// checks foreign keys and records it. False when nothing was pending.
    private static func applyNext(_ connection: Connection, _ plan: MigrationPlan) throws -> Bool {
        try connection.inWriteTransaction {
            guard let migration = try plan.pending(given: history(connection, plan)).first else { return false }
            do {
                try migration.apply(connection)
                try checkForeignKeys(connection)
                try record(plan.record(of: migration), connection)
                // PRAGMA takes no bound parameters; the version is an Int from the code.
                try connection.execute("PRAGMA user_version = \(migration.version)")
            } catch let error as StoreError {
                throw error.inContext(migration.label)
            }
            return true
        }
    }

    /// The applied migrations. A database without `schema_migrations` gets it; if an
    /// earlier build migrated it (tracked only by `user_version` N), its first N
    /// migrations are recorded as applied, without running them again.
    private static func history(_ connection: Connection, _ plan: MigrationPlan) throws -> [AppliedMigration] {
        if try historyExists(connection) { return try recorded(connection) }
        let version = try userVersion(connection)
        try plan.requireKnown(databaseVersion: version)
        try connection.execute(createHistory)
        let adopted = plan.migrations.prefix(version).map(plan.record(of:))
        for migration in adopted { try record(migration, connection) }
        return adopted
    }

    private static func historyExists(_ connection: Connection) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'") != nil
    }

    private static func recorded(_ connection: Connection) throws -> [AppliedMigration] {
        try connection.query("SELECT identifier, version, checksum FROM schema_migrations ORDER BY version").map { row in
            AppliedMigration(identifier: try row.get("identifier"), version: try row.get("version"),
                             checksum: try row.get("checksum"))
        }
    }

    private static func record(_ migration: AppliedMigration, _ connection: Connection) throws {
        let now = Int64((Date().timeIntervalSince1970 * 1_000).rounded())
        try connection.execute(
            "INSERT INTO schema_migrations(identifier, version, checksum, applied_at_ms) VALUES (?, ?, ?, ?)",
            [migration.identifier, migration.version, migration.checksum, now])
    }

    private static func userVersion(_ connection: Connection) throws -> Int {
        try connection.queryOne("PRAGMA user_version")?.get(0) ?? 0
    }

    /// Throws, naming the first offending table, when a row refers to a missing row.
    private static func checkForeignKeys(_ connection: Connection) throws {
        let check = "PRAGMA foreign_key_check"
        let violations = try connection.query(check)
        guard let first = violations.first else { return }
        let table: String = try first.get("table")
        let parent: String = try first.get("parent")
        let rowID: Int64? = try first.get("rowid")
        let others = violations.count > 1 ? " (and \(violations.count - 1) more)" : ""
        throw StoreError(
            sqliteCode: sotay_sqlite_constraint_foreignkey,
            message: "foreign key violation: row \(rowID.map(String.init) ?? "without rowid") of `\(table)` refers to "
                + "a missing row of `\(parent)`\(others)",
            sql: check)
    }
}
