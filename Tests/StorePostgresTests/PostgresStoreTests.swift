import Foundation
import PostgresTestSupport
import StorePostgres
import Testing

/// Each test runs against a PostgreSQL server of its own; the suite runs one test at
/// a time so that the small machine starts one cluster at once.
@Suite(.serialized) struct PostgresStoreTests {
    static let migrations = [
        PostgresMigration(1, "attempts", sql: """
            CREATE TABLE attempts (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, score INTEGER);
            CREATE TABLE answers (attempt_id TEXT NOT NULL REFERENCES attempts(id), choice INTEGER NOT NULL);
            """),
        PostgresMigration(2, "attempts by member", sql: "CREATE INDEX attempts_by_member ON attempts(member_id);"),
    ]

    @Test func migrationsRunOnceWhenFourReplicasStartTogether() async throws {
        try await withThrowawayPostgres { server in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let connection = try PostgresConnection(url: server.url)
                        try PostgresMigrator.migrate(connection, with: Self.migrations, lockKey: 7105)
                    }
                }
                try await group.waitForAll()
            }
            let connection = try PostgresConnection(url: server.url)
            let applied = try connection.execute("SELECT version, name FROM schema_migrations ORDER BY version")
            #expect(applied == [["1", "attempts"], ["2", "attempts by member"]])
            // A later start with the same list changes nothing.
            try PostgresMigrator.migrate(connection, with: Self.migrations, lockKey: 7105)
            #expect(try connection.execute("SELECT count(*) FROM schema_migrations") == [["2"]])
        }
    }

    @Test func errorsAreClassifiedLikeSQLites() async throws {
        try await withThrowawayPostgres { server in
            let connection = try PostgresConnection(url: server.url)
            try PostgresMigrator.migrate(connection, with: Self.migrations, lockKey: 7105)
            try connection.execute("INSERT INTO attempts (id, member_id) VALUES ($1, $2)", ["at_1", "m_1"])
            func kind(_ body: () throws -> Void) -> PostgresError.Kind? {
                do {
                    try body()
                    return nil
                } catch let error as PostgresError {
                    return error.kind
                } catch {
                    return .other
                }
            }
            #expect(kind { try connection.execute("INSERT INTO attempts (id, member_id) VALUES ($1, $2)", ["at_1", "m_2"]) }
                == .uniqueViolation)
            #expect(kind { try connection.execute("INSERT INTO answers (attempt_id, choice) VALUES ($1, $2)", ["at_9", "1"]) }
                == .foreignKeyViolation)
            #expect(kind { try connection.execute("INSERT INTO attempts (id, member_id) VALUES ($1, $2)", ["at_2", nil]) }
                == .constraintViolation)
            #expect(kind { _ = try PostgresConnection(url: "postgresql://sotay@127.0.0.1:1/postgres") } == .connection)
            // The message names the constraint, never the values bound.
            do {
                try connection.execute("INSERT INTO attempts (id, member_id) VALUES ($1, $2)", ["at_1", "0912000111"])
            } catch let error as PostgresError {
                #expect(!error.description.contains("0912000111"))
            }
        }
    }

    @Test func aNewerSchemaIsRefusedAndATransactionThatThrowsKeepsNothing() async throws {
        try await withThrowawayPostgres { server in
            let connection = try PostgresConnection(url: server.url)
            try PostgresMigrator.migrate(connection, with: Self.migrations, lockKey: 7105)
            #expect(throws: PostgresError.self) {
                try PostgresMigrator.migrate(connection, with: Array(Self.migrations.prefix(1)), lockKey: 7105)
            }
            struct Abandon: Error {}
            #expect(throws: Abandon.self) {
                try connection.inTransaction {
                    try connection.execute("INSERT INTO attempts (id, member_id, score) VALUES ($1, $2, $3)",
                                           ["at_3", "Nguyễn Thị Lan", "90"])
                    throw Abandon()
                }
            }
            #expect(try connection.execute("SELECT count(*) FROM attempts") == [["0"]])
            try connection.execute("INSERT INTO attempts (id, member_id, score) VALUES ($1, $2, $3)",
                                   ["at_4", "Nguyễn Thị Lan", nil])
            #expect(try connection.execute("SELECT member_id, score FROM attempts") == [["Nguyễn Thị Lan", nil]])
        }
    }
}
