import Foundation
import Testing
import Store

@Suite struct MigrationTests {
    static let members = Migration(1, "create members", sql: """
        CREATE TABLE members(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE INDEX members_by_name ON members(name);
        """)
    static let foldedNames = Migration(2, "add folded names") { connection in
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

    @Test func aFreshDatabaseGetsEveryMigrationAndTheNewestVersion() async throws {
        try await withDatabase(migrations: [Self.members, Self.foldedNames]) { database in
            #expect(try await Self.userVersion(database) == 2)
            try await database.write { connection in
                try connection.execute("INSERT INTO members(name, folded_name) VALUES (?, ?)", ["Lê Văn Đức", "le van duc"])
            }
            #expect(try await database.count("members") == 1)
        }
    }

    @Test func anOlderDatabaseIsUpgradedAndKeepsItsRows() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("members.sqlite").path
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

    @Test func aDatabaseNewerThanTheCodeIsRefusedAndLeftUntouched() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("members.sqlite").path
            try await Database.open(path: path, migrations: [Self.members, Self.foldedNames]).close()

            let error = await storeError { _ = try await Database.open(path: path, migrations: [Self.members]) }
            #expect(error?.kind == .schemaNewerThanCode(databaseVersion: 2, newestKnownVersion: 1))

            let reopened = try await Database.open(path: path, migrations: [Self.members, Self.foldedNames])
            #expect(try await Self.userVersion(reopened) == 2)
            await reopened.close()
        }
    }

    @Test func aFailingMigrationLeavesNoneOfTheRunApplied() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("members.sqlite").path
            let broken = Migration(2, "broken", sql: "CREATE TABLE oops(")
            let error = await storeError { _ = try await Database.open(path: path, migrations: [Self.members, broken]) }
            #expect(error?.kind == .sqlite)
            #expect(error?.message.hasPrefix("migration 2 `broken`") == true)

            let database = try await Database.open(path: path)
            #expect(try await Self.userVersion(database) == 0)
            let tables = try await database.read { connection in
                try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table'").count
            }
            #expect(tables == 0)
            await database.close()
        }
    }

    @Test func migrationsOutOfOrderAreRejected() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("members.sqlite").path
            let error = await storeError {
                _ = try await Database.open(path: path, migrations: [Self.foldedNames, Self.members])
            }
            #expect(error?.kind == .invalidMigrations)
        }
    }
}
