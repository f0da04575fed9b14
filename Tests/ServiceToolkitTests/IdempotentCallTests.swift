import RPC
import RPCContracts
import Store
import Testing
import ServiceToolkit

@Suite struct IdempotentCallTests {
    static let hour: Int64 = 3_600_000

    func request(_ unitID: String) -> Grant {
        var grant = Grant()
        grant.role = .editor
        grant.unitID = unitID
        return grant
    }

    /// A database with the table and a table of effects.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        try await withTemporaryDatabase([
            Migration(1, "effects", sql: "CREATE TABLE effects (id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL);"),
            IdempotentCall.migration(2),
        ], body)
    }

    /// The write under test: one effect row, answered with the row's id as a grant.
    func create(_ request: Grant, key: String, scope: String = "m_1", at nowMs: Int64, in database: Database)
        async throws -> Grant
    {
        try await database.submit { connection in
            let call = try IdempotentCall.keyed(scope: scope, key: key, method: "Create", request: request, nowMs: nowMs)
            if let first = try call?.recorded(Grant.self, in: connection) { return first }
            try connection.execute("INSERT INTO effects (unit_id) VALUES (?)", [request.unitID])
            var response = Grant()
            response.unitID = "effect-\(try connection.queryOne("SELECT count(*) FROM effects")?.get(0, as: Int64.self) ?? 0)"
            try call?.remember(response, in: connection)
            return response
        }
    }

    func effects(in database: Database) async throws -> Int64 {
        try await database.read { try $0.queryOne("SELECT count(*) FROM effects")?.get(0, as: Int64.self) ?? 0 }
    }

    @Test func aRetriedWriteReturnsTheFirstResponseAndWritesNothing() async throws {
        try await withDatabase { database in
            let first = try await create(request("u_1"), key: "k-1", at: 1_000, in: database)
            let retried = try await create(request("u_1"), key: "k-1", at: 2_000, in: database)
            #expect(retried == first)
            #expect(try await effects(in: database) == 1)
        }
    }

    @Test func theSameKeyWithADifferentRequestIsRefusedNamingTheKey() async throws {
        try await withDatabase { database in
            _ = try await create(request("u_1"), key: "k-1", at: 1_000, in: database)
            var field: String?
            do {
                _ = try await create(request("u_2"), key: "k-1", at: 2_000, in: database)
            } catch let error as RPCError {
                field = error.code == .invalidArgument ? error.fieldViolations.first?.field : nil
            }
            #expect(field == "idempotency_key")
            #expect(try await effects(in: database) == 1)
        }
    }

    @Test func keysAreScopedByCaller() async throws {
        try await withDatabase { database in
            _ = try await create(request("u_1"), key: "k-1", scope: "m_1", at: 1_000, in: database)
            _ = try await create(request("u_1"), key: "k-1", scope: "m_2", at: 1_000, in: database)
            #expect(try await effects(in: database) == 2)
        }
    }

    @Test func aRequestWithoutAKeyWritesEveryTime() async throws {
        try await withDatabase { database in
            _ = try await create(request("u_1"), key: "", at: 1_000, in: database)
            _ = try await create(request("u_1"), key: "", at: 1_000, in: database)
            #expect(try await effects(in: database) == 2)
        }
    }

    @Test func expiredRecordsAreForgottenAndSweptByLaterWrites() async throws {
        try await withDatabase { database in
            _ = try await create(request("u_1"), key: "k-1", at: 0, in: database)
            let later = IdempotentCall.retentionMs + 1
            _ = try await create(request("u_1"), key: "k-1", at: later, in: database)
            #expect(try await effects(in: database) == 2)
            _ = try await create(request("u_1"), key: "k-2", at: 2 * later, in: database)
            let kept = try await database.read {
                try $0.queryOne("SELECT count(*) FROM idempotency_records")?.get(0, as: Int64.self) ?? 0
            }
            #expect(kept == 1)
        }
    }

    @Test func aKeyThatIsTooLongOrNotPrintableIsRefused() {
        #expect(refusedField {
            _ = try IdempotentCall.keyed(scope: "m_1", key: String(repeating: "k", count: 129), method: "Create",
                                         request: Grant(), nowMs: 0)
        } == "idempotency_key")
        #expect(refusedField {
            _ = try IdempotentCall.keyed(scope: "m_1", key: "k 1\u{0}", method: "Create", request: Grant(), nowMs: 0)
        } == "idempotency_key")
    }

    @Test func theMigrationReplacesAnOlderTableOfKeys() async throws {
        let old = Migration(1, "keys", sql: "CREATE TABLE idempotency_keys (scope TEXT, key TEXT, record_id TEXT);")
        try await withTemporaryDatabase([old, IdempotentCall.migration(2, replacing: "idempotency_keys")]) { database in
            let tables = try await database.read { connection in
                try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                    .map { try $0.get(0) as String }
            }
            #expect(tables.contains("idempotency_records"))
            #expect(!tables.contains("idempotency_keys"))
        }
    }
}
