/// One numbered, named schema change. A service lists its migrations 1, 2, 3, … and
/// never edits one that has shipped; a change is a new migration.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (Connection) throws -> Void

    /// A migration written as SQL (several statements separated by `;` are fine).
    public init(_ version: Int, _ name: String, sql: String) {
        self.init(version, name) { connection in try connection.executeScript(sql) }
    }

    /// A migration that needs code (to fill a new column from old ones, say).
    public init(_ version: Int, _ name: String, apply: @escaping @Sendable (Connection) throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }
}

/// Brings a database's schema up to date, tracked in `PRAGMA user_version`.
enum Migrator {
    /// Runs the migrations newer than the database's `user_version`, all in one
    /// transaction, and sets `user_version` to the newest. A database whose
    /// `user_version` is newer than every migration is refused and left as it is.
    static func migrate(_ connection: Connection, with migrations: [Migration]) throws {
        try validate(migrations)
        let newest = migrations.last?.version ?? 0
        guard try userVersion(connection, newest: newest) < newest else { return }
        try connection.inWriteTransaction {
            // Read again under the write lock: another process may have migrated the
            // file between the first look and BEGIN IMMEDIATE.
            let current = try userVersion(connection, newest: newest)
            for migration in migrations where migration.version > current {
                do {
                    try migration.apply(connection)
                } catch let error as StoreError {
                    throw error.inContext("migration \(migration.version) `\(migration.name)`")
                }
            }
            // PRAGMA takes no bound parameters; `newest` is an Int from the code.
            try connection.execute("PRAGMA user_version = \(newest)")
        }
    }

    /// The database's schema version, refusing one newer than the code knows.
    private static func userVersion(_ connection: Connection, newest: Int) throws -> Int {
        let version: Int = try connection.queryOne("PRAGMA user_version")?.get(0) ?? 0
        guard version <= newest else {
            throw StoreError(
                kind: .schemaNewerThanCode(databaseVersion: version, newestKnownVersion: newest),
                message: "the database is at schema version \(version) but this build knows only up to \(newest); "
                    + "it was written by a newer build and is left untouched")
        }
        return version
    }

    private static func validate(_ migrations: [Migration]) throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw StoreError(
                kind: .invalidMigrations,
                message: "migrations must be numbered 1, 2, 3, … in order; found \(migration.version) "
                    + "`\(migration.name)` at position \(offset + 1)")
        }
    }
}
