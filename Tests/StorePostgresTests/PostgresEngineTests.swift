import Foundation
import PostgresTestSupport
import Store
import StorePostgres
import Testing

/// The engine a service's storage code runs on when its data is in PostgreSQL: the
/// same `SQLSession` calls as on SQLite, the same rows, the same errors.
@Suite struct PostgresEngineTests {
    static let migrations = [
        PostgresMigration(1, "records", sql: SQLDialect.postgres.schema("""
            CREATE TABLE records (
                id TEXT PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                share REAL,
                done INTEGER NOT NULL,
                digest BLOB NOT NULL
            ) WITHOUT ROWID;
            """)),
    ]

    static func engine(_ name: String) async throws -> PostgresEngine {
        try await PostgresEngine.open(url: try SharedPostgres.freshDatabase(name), migrations: migrations, lockKey: 1,
                                      connections: 3)
    }

    @Test func valuesReadBackAsOnSQLite() async throws {
        let engine = try await Self.engine("values")
        defer { Task { await engine.close() } }
        let inserted = try await engine.write { session in
            try session.execute("INSERT INTO records (id, at_ms, share, done, digest) VALUES (?, ?, ?, ?, ?)",
                                ["Nguyễn 'Lan'?", Int64(1_796_000_000_123), 0.25, true, [UInt8]([0, 255, 10])])
            try session.execute("INSERT INTO records (id, at_ms, share, done, digest) VALUES (?, ?, ?, ?, ?)",
                                ["b", 2, nil, false, [UInt8]()])
            try session.execute("UPDATE records SET done = ? WHERE at_ms > ?", [true, 0])
            return session.changes
        }
        #expect(inserted == 2)
        let rows = try await engine.read { session in
            try session.query("SELECT id, at_ms, share, done, digest, at_ms > 5 FROM records ORDER BY at_ms DESC", [])
        }
        #expect(try rows[0].get(0) as String == "Nguyễn 'Lan'?")
        #expect(try rows[0].get(1) as Int64 == 1_796_000_000_123)
        #expect(try rows[0].get(2) as Double == 0.25)
        #expect(try rows[0].get(3) as Bool)
        #expect(try rows[0].get(4) as [UInt8] == [0, 255, 10])
        #expect(try rows[0].get(5) as Bool)
        #expect(try rows[1].get(2) as Double? == nil)
        #expect(try rows[1].get(4) as [UInt8] == [])
        #expect(try rows[1].get("done") as Bool)
    }

    @Test func aDuplicateKeyIsAStoreErrorAndAFailedWriteKeepsNothing() async throws {
        let engine = try await Self.engine("errors")
        defer { Task { await engine.close() } }
        let insert = "INSERT INTO records (id, at_ms, done, digest) VALUES (?, ?, ?, ?)"
        try await engine.write { session in try session.execute(insert, ["a", 1, false, [UInt8]()]) }
        do {
            try await engine.write { session in
                try session.execute(insert, ["b", 2, false, [UInt8]()])
                try session.execute(insert, ["a", 3, false, [UInt8]()])
            }
            Issue.record("the duplicate key was accepted")
        } catch let error as StoreError {
            #expect(error.isDuplicateKey)
            #expect(error.constraintViolation == .unique)
        }
        let count = try await engine.read { session in try session.queryOne("SELECT count(*) FROM records", [])?.get(0) as Int? }
        #expect(count == 1)
    }

    /// Two replicas racing to record the same key: the loser's write runs again and
    /// sees the winner's row, so the key is recorded once and every caller gets it.
    @Test func aWriteThatLosesARaceForAKeyRunsAgainAndSeesTheWinner() async throws {
        let url = try SharedPostgres.freshDatabase("race")
        let replicas = [
            try await PostgresEngine.open(url: url, migrations: Self.migrations, lockKey: 1, connections: 4),
            try await PostgresEngine.open(url: url, migrations: Self.migrations, lockKey: 1, connections: 4),
        ]
        let winners = try await withThrowingTaskGroup(of: Int64.self) { group in
            for index in 0..<16 {
                group.addTask {
                    try await replicas[index % 2].write { session in
                        if let first: Int64 = try session.queryOne("SELECT at_ms FROM records WHERE id = ?", ["k"])?.get(0) {
                            return first
                        }
                        try session.execute("INSERT INTO records (id, at_ms, done, digest) VALUES (?, ?, ?, ?)",
                                            ["k", Int64(index), false, [UInt8]()])
                        return Int64(index)
                    }
                }
            }
            return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
        }
        #expect(winners.count == 1)
        for replica in replicas { await replica.close() }
    }

    @Test func aConnectionTheServerDroppedIsReplaced() async throws {
        let url = try SharedPostgres.freshDatabase("dropped")
        let engine = try await PostgresEngine.open(url: url, migrations: Self.migrations, lockKey: 1, connections: 1)
        defer { Task { await engine.close() } }
        let before: Int? = try await engine.read { session in try session.queryOne("SELECT pg_backend_pid()", [])?.get(0) }
        let killer = try PostgresConnection(url: url)
        try killer.execute("SELECT pg_terminate_backend($1)", [before.map(String.init)])
        let after: Int? = try await engine.read { session in try session.queryOne("SELECT pg_backend_pid()", [])?.get(0) }
        #expect(after != nil && after != before)
    }

    @Test func theDialectIsTranslatedInOnePlace() {
        #expect(SQLDialect.postgres.statement("SELECT a FROM t WHERE b = ? AND c = '?' AND d = ?")
            == "SELECT a FROM t WHERE b = $1 AND c = '?' AND d = $2")
        #expect(SQLDialect.postgres.statement("INSERT OR IGNORE INTO t (a) VALUES (?)")
            == "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING")
        #expect(SQLDialect.sqlite.statement("SELECT ?") == "SELECT ?")
        #expect(SQLDialect.postgres.schema("CREATE TABLE t (at_ms INTEGER, share REAL, digest BLOB, integers TEXT) WITHOUT ROWID;")
            == "CREATE TABLE t (at_ms BIGINT, share DOUBLE PRECISION, digest BYTEA, integers TEXT);")
    }
}
