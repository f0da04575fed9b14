import Foundation
import Testing
import Store

@Suite struct MigrationTests {
    static let members = Migration(1, "create members", sql: """
        CREATE TABLE members(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE INDEX members_by_name ON members(name);
        """)
    static let foldedNames = Migration(2, "add folded names", apply: addFoldedNames)

    static func addFoldedNames(_ connection: Connection) throws {
        try connection.execute("ALTER TABLE members ADD COLUMN folded_name TEXT NOT NULL DEFAULT ''")
        for row in try connection.query("SELECT id, name FROM members") {
            let name: String = try row.get("name")
            try connection.execute(
                "UPDATE members SET folded_name = ? WHERE id = ?", [TextFolding.fold(name), try row.get("id", as: Int64.self)])
        }
    }

    static func userVersion(_ database: Database) async throws -> Int {
        try await database.read { connection in try connection.queryOne("PRAGMA user_version")?.get(0) ?? -1 }
    }

    static func recorded(_ database: Database) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT identifier FROM schema_migrations ORDER BY version").map { try $0.get(0) }
        }
    }

    /// Runs `body` with the path of a database file (not created yet) in a fresh folder.
    static func withDatabaseFile(_ body: (String) async throws -> Void) async throws {
        try await withTemporaryDirectory { folder in try await body(folder.appendingPathComponent("test.sqlite").path) }
    }

    /// The error opening the database at `path` with `migrations` throws.
    static func openingError(_ path: String, with migrations: [Migration]) async -> StoreError? {
        await storeError { _ = try await Database.open(path: path, migrations: migrations) }
    }

    /// The migrations recorded in the database at `path`, opened with `migrations`.
    static func recordedAfterOpening(_ path: String, with migrations: [Migration]) async throws -> [String] {
        let database = try await Database.open(path: path, migrations: migrations)
        let identifiers = try await recorded(database)
        await database.close()
        return identifiers
    }

    static func tableNames(_ database: Database) async throws -> Set<String> {
        try await database.read { connection in
            Set(try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table'").map { try $0.get(0) })
        }
    }

    @Test func aFreshDatabaseGetsEveryMigrationAndTheNewestVersion() async throws {
        try await withDatabase(migrations: [Self.members, Self.foldedNames]) { database in
            #expect(try await Self.userVersion(database) == 2)
            try await database.write { connection in
                try connection.execute("INSERT INTO members(name, folded_name) VALUES (?, ?)", ["Lê Văn Đức", "le van duc"])
            }
            #expect(try await database.count("members") == 1)
        }
    }

    @Test func eachMigrationIsRecordedByNameWithTheChecksumOfItsText() async throws {
        let fingerprinted = Migration(3, "backfill", fingerprint: "abc") { _ in }
        try await withDatabase(migrations: [Self.members, Self.foldedNames, fingerprinted]) { database in
            #expect(try await Self.recorded(database) == ["1 create members", "2 add folded names", "3 backfill"])
            let checksums: [String] = try await database.read { connection in
                try connection.query("SELECT checksum FROM schema_migrations ORDER BY version").map { try $0.get(0) }
            }
            // SHA-256("abc"), the FIPS 180-2 test vector.
            #expect(checksums.last == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(Set(checksums).count == 3)
            #expect(checksums.allSatisfy { $0.count == 64 })
        }
    }

    @Test func anOlderDatabaseIsUpgradedAndKeepsItsRows() async throws {
        try await Self.withDatabaseFile { path in
            let old = try await Database.open(path: path, migrations: [Self.members])
            try await old.write { connection in
                try connection.execute("INSERT INTO members(name) VALUES (?)", ["Nguyễn Thị Đào"])
            }
            await old.close()

            let upgraded = try await Database.open(path: path, migrations: [Self.members, Self.foldedNames])
            #expect(try await Self.userVersion(upgraded) == 2)
            let folded: String? = try await upgraded.read { connection in
                try connection.queryOne("SELECT folded_name FROM members")?.get(0)
            }
            #expect(folded == "nguyen thi dao")
            await upgraded.close()
        }
    }

    @Test func aFailingThirdMigrationLeavesTheFirstTwoAppliedAndRecorded() async throws {
        try await Self.withDatabaseFile { path in
            let broken = Migration(3, "broken", sql: "CREATE TABLE half_done(id INTEGER); CREATE TABLE oops(")
            let error = await Self.openingError(path, with: [Self.members, Self.foldedNames, broken])
            #expect(error?.kind == .sqlite)
            #expect(error?.message.hasPrefix("migration 3 `broken`") == true)

            let fixed = Migration(3, "fixed", sql: "CREATE TABLE half_done(id INTEGER)")
            let database = try await Database.open(path: path, migrations: [Self.members, Self.foldedNames, fixed])
            #expect(try await Self.recorded(database) == ["1 create members", "2 add folded names", "3 fixed"])
            #expect(try await Self.tableNames(database).isSuperset(of: ["members", "half_done"]))
            #expect(try await Self.userVersion(database) == 3)
            await database.close()
        }
    }

    static let units = Migration(1, "units and members", sql: """
        CREATE TABLE units(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE members(id INTEGER PRIMARY KEY, unit_id INTEGER NOT NULL REFERENCES units(id), name TEXT NOT NULL);
        """)

    /// Creates at `path` two units and three members who refer to them.
    static func createUnitsWithMembers(at path: String) async throws {
        let database = try await Database.open(path: path, migrations: [units])
        try await database.write { connection in
            try connection.execute("INSERT INTO units(id, name) VALUES (1, 'Chi bộ 1'), (2, 'Chi bộ 2')")
            try connection.execute("INSERT INTO members(unit_id, name) VALUES (1, 'An'), (2, 'Bình'), (2, 'Chi')")
        }
        await database.close()
    }

    @Test func aTableOthersReferenceCanBeRebuilt() async throws {
        // The rebuild SQLite documents for changes ALTER TABLE cannot make: create the
        // new table, copy, drop the old one, rename. With foreign keys on, dropping
        // `units` would fail, as members refer to it.
        let rebuild = Migration(2, "units get a code", sql: """
            CREATE TABLE units_new(id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL UNIQUE);
            INSERT INTO units_new(id, name, code) SELECT id, name, 'U' || id FROM units;
            DROP TABLE units;
            ALTER TABLE units_new RENAME TO units;
            """)
        try await Self.withDatabaseFile { path in
            try await Self.createUnitsWithMembers(at: path)

            let database = try await Database.open(path: path, migrations: [Self.units, rebuild])
            let codes: [String] = try await database.read { connection in
                try connection.query("SELECT code FROM units ORDER BY id").map { try $0.get(0) }
            }
            #expect(codes == ["U1", "U2"])
            #expect(try await database.count("members") == 3)
            // The references still point at `units`, and are enforced again.
            let error = await storeError {
                try await database.write { connection in
                    try connection.execute("INSERT INTO members(unit_id, name) VALUES (99, 'Dũng')")
                }
            }
            #expect(error?.constraintViolation == .foreignKey)
            let problems = try await database.integrityCheck()
            #expect(problems.isEmpty)
            await database.close()
        }
    }

    @Test func aMigrationThatLeavesADanglingReferenceIsRolledBack() async throws {
        let dropsUnits = Migration(2, "drop units", sql: "DELETE FROM units; CREATE TABLE later(id INTEGER)")
        try await Self.withDatabaseFile { path in
            try await Self.createUnitsWithMembers(at: path)

            let error = await Self.openingError(path, with: [Self.units, dropsUnits])
            #expect(error?.constraintViolation == .foreignKey)
            #expect(error?.message.hasPrefix("migration 2 `drop units`: foreign key violation") == true)
            #expect(error?.message.contains("`members`") == true)
            #expect(error?.message.contains("`units`") == true)

            let database = try await Database.open(path: path, migrations: [Self.units])
            #expect(try await database.count("units") == 2)
            #expect(try await Self.tableNames(database).contains("later") == false)
            #expect(try await Self.recorded(database) == ["1 units and members"])
            await database.close()
        }
    }

    @Test func aMigrationEditedOrRenamedAfterItWasAppliedIsRefused() async throws {
        try await Self.withDatabaseFile { path in
            try await Database.open(path: path, migrations: [Self.members, Self.foldedNames]).close()

            let editedSQL = Migration(1, "create members", sql: "CREATE TABLE members(id INTEGER PRIMARY KEY, name TEXT)")
            let edited = await Self.openingError(path, with: [editedSQL, Self.foldedNames])
            #expect(edited?.kind == .migrationEdited)
            #expect(edited?.message.hasPrefix("migration 1 `create members` was edited") == true)

            let newFingerprint = Migration(2, "add folded names", fingerprint: "now folds differently") { _ in }
            let fingerprinted = await Self.openingError(path, with: [Self.members, newFingerprint])
            #expect(fingerprinted?.kind == .migrationEdited)
            #expect(fingerprinted?.message.hasPrefix("migration 2 `add folded names` was edited") == true)

            let renamed = Migration(2, "add search names", apply: Self.addFoldedNames)
            let renaming = await Self.openingError(path, with: [Self.members, renamed])
            #expect(renaming?.kind == .migrationEdited)
            #expect(renaming?.message.contains("`2 add folded names`") == true)

            let recorded = try await Self.recordedAfterOpening(path, with: [Self.members, Self.foldedNames])
            #expect(recorded == ["1 create members", "2 add folded names"])
        }
    }

    @Test func aDatabaseTrackedByUserVersionIsAdoptedWithoutRerunningItsMigrations() async throws {
        try await Self.withDatabaseFile { path in
            // What an earlier build left: migration 1 applied, tracked by user_version.
            let earlier = try await Database.open(path: path)
            try await earlier.write { connection in
                try connection.executeScript("""
                    CREATE TABLE members(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                    CREATE INDEX members_by_name ON members(name);
                    INSERT INTO members(name) VALUES ('Trần Văn Bảo');
                    PRAGMA user_version = 1;
                    """)
            }
            await earlier.close()

            // Running migration 1 again would fail: its table exists.
            let database = try await Database.open(path: path, migrations: [Self.members, Self.foldedNames])
            #expect(try await Self.recorded(database) == ["1 create members", "2 add folded names"])
            #expect(try await Self.userVersion(database) == 2)
            let folded: String? = try await database.read { connection in
                try connection.queryOne("SELECT folded_name FROM members")?.get(0)
            }
            #expect(folded == "tran van bao")
            await database.close()

            let edited = Migration(1, "create members", sql: "CREATE TABLE members(id INTEGER PRIMARY KEY)")
            let error = await Self.openingError(path, with: [edited, Self.foldedNames])
            #expect(error?.kind == .migrationEdited)
        }
    }

    @Test func aDatabaseNewerThanTheCodeIsRefusedAndLeftUntouched() async throws {
        try await Self.withDatabaseFile { path in
            try await Database.open(path: path, migrations: [Self.members, Self.foldedNames]).close()

            let error = await Self.openingError(path, with: [Self.members])
            #expect(error?.kind == .schemaNewerThanCode(databaseVersion: 2, newestKnownVersion: 1))

            let recorded = try await Self.recordedAfterOpening(path, with: [Self.members, Self.foldedNames])
            #expect(recorded == ["1 create members", "2 add folded names"])
        }
    }

    @Test func aDatabaseAnEarlierBuildMigratedFurtherIsRefusedBeforeAdoption() async throws {
        try await Self.withDatabaseFile { path in
            let earlier = try await Database.open(path: path)
            try await earlier.write { connection in try connection.execute("PRAGMA user_version = 5") }
            await earlier.close()

            let before = try Data(contentsOf: URL(fileURLWithPath: path))

            let error = await Self.openingError(path, with: [Self.members])
            #expect(error?.kind == .schemaNewerThanCode(databaseVersion: 5, newestKnownVersion: 1))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test func migrationsRunOnceWhenSeveralOpenTheFileAtOnce() async throws {
        let counted = Migration(1, "create and count", sql: """
            CREATE TABLE runs(id INTEGER PRIMARY KEY);
            INSERT INTO runs DEFAULT VALUES;
            """)
        let countedAgain = Migration(2, "count again", sql: "INSERT INTO runs DEFAULT VALUES")
        try await Self.withDatabaseFile { path in
            let databases = try await withThrowingTaskGroup(of: Database.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await Database.open(path: path, migrations: [counted, countedAgain]) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(databases.count == 6)
            #expect(try await databases[0].count("runs") == 2)
            #expect(try await Self.recorded(databases[0]) == ["1 create and count", "2 count again"])
            for database in databases { await database.close() }
        }
    }

    @Test func migrationsOutOfOrderAreRejected() async throws {
        try await Self.withDatabaseFile { path in
            let error = await Self.openingError(path, with: [Self.foldedNames, Self.members])
            #expect(error?.kind == .invalidMigrations)
        }
    }
}
