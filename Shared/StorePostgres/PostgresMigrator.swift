/// One numbered, named schema change for PostgreSQL, written as SQL.
public struct PostgresMigration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(_ version: Int, _ name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Brings a PostgreSQL schema up to date when N replicas start together: each takes
/// the same transaction-scoped advisory lock first, so one runs the missing
/// migrations and the others, once it commits, find nothing left to do. Applied
/// versions are rows of `schema_migrations`, written in the migrations' transaction.
public enum PostgresMigrator {
    public static func migrate(_ connection: PostgresConnection, with migrations: [PostgresMigration],
                               lockKey: Int64) throws {
        guard migrations.enumerated().allSatisfy({ $0.offset + 1 == $0.element.version }) else {
            throw PostgresError(kind: .invalidMigrations, message: "migrations must be numbered 1, 2, 3, … in order")
        }
        let newest = migrations.last?.version ?? 0
        try connection.inTransaction {
            // "relation already exists, skipping" is expected from every replica but the first.
            try connection.execute("SET LOCAL client_min_messages = warning")
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [String(lockKey)])
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
            let newestApplied = try connection.execute("SELECT coalesce(max(version), 0) FROM schema_migrations")
            let applied = Int((newestApplied.first?.first ?? nil) ?? "0") ?? 0
            guard applied <= newest else {
                throw PostgresError(kind: .schemaNewerThanCode(databaseVersion: applied, newestKnownVersion: newest),
                                    message: "the database is at schema version \(applied), newer than this build's \(newest)")
            }
            for migration in migrations where migration.version > applied {
                try connection.executeScript(migration.sql)
                try connection.execute("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                                       [String(migration.version), migration.name])
            }
        }
    }
}
