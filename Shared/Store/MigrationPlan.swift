/// A migration as a database recorded it when it was applied.
struct AppliedMigration: Sendable, Equatable {
    let identifier: String
    let version: Int
    let checksum: String
}

/// The code's migrations with their checksums, held against what a database recorded.
/// It knows nothing of the engine: each engine's migrator reads and writes the records
/// its own way and asks the plan what to run, so every engine refuses the same
/// databases for the same reasons.
struct MigrationPlan {
    let migrations: [Migration]
    private let checksums: [String]

    /// Checks that `migrations` are numbered 1, 2, 3, … in order and computes their
    /// checksums.
    init(validating migrations: [Migration]) throws {
        for (offset, migration) in migrations.enumerated() where migration.version != offset + 1 {
            throw StoreError(
                kind: .invalidMigrations,
                message: "migrations must be numbered 1, 2, 3, … in order; found \(migration.version) "
                    + "`\(migration.name)` at position \(offset + 1)")
        }
        self.migrations = migrations
        checksums = try migrations.map(MigrationChecksum.of)
    }

    var newestVersion: Int { migrations.count }

    /// The record of `migration` as applied by this code.
    func record(of migration: Migration) -> AppliedMigration {
        AppliedMigration(identifier: migration.identifier, version: migration.version,
                         checksum: checksums[migration.version - 1])
    }

    /// The migrations not applied yet, in order, once every applied one is known to
    /// the code and unchanged. Throws `.schemaNewerThanCode` when the database holds a
    /// migration the code does not know (written by a newer build) and
    /// `.migrationEdited` when a migration was renamed or edited after it was applied.
    func pending(given applied: [AppliedMigration]) throws -> [Migration] {
        if let newestApplied = applied.map(\.version).max() {
            try requireKnown(databaseVersion: newestApplied)
        }
        for record in applied {
            guard migrations.indices.contains(record.version - 1) else {
                throw StoreError(
                    kind: .migrationEdited,
                    message: "the database records a migration `\(record.identifier)` numbered \(record.version), "
                        + "which no build has")
            }
            let migration = migrations[record.version - 1]
            guard record.identifier == migration.identifier else {
                throw StoreError(
                    kind: .migrationEdited,
                    message: "\(migration.label) was applied to this database as `\(record.identifier)`; a shipped "
                        + "migration is never renamed or replaced (add a new one)")
            }
            guard record.checksum == checksums[migration.version - 1] else {
                throw StoreError(
                    kind: .migrationEdited,
                    message: "\(migration.label) was edited after it was applied to this database (its checksum "
                        + "differs from the recorded one); a shipped migration is never edited (add a new one)")
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return migrations.filter { !appliedVersions.contains($0.version) }
    }

    /// Refuses a database at a schema version newer than the newest migration, which
    /// a newer build wrote: it is left untouched.
    func requireKnown(databaseVersion: Int) throws {
        guard databaseVersion <= newestVersion else {
            throw StoreError(
                kind: .schemaNewerThanCode(databaseVersion: databaseVersion, newestKnownVersion: newestVersion),
                message: "the database is at schema version \(databaseVersion) but this build knows only up to "
                    + "\(newestVersion); it was written by a newer build and is left untouched")
        }
    }
}
