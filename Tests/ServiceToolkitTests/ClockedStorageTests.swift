import ServiceKit
import Store
import Testing
import ServiceToolkit

@Suite struct ClockedStorageTests {
    struct Handlers: ClockedStorage {
        let database: Database
        let clock: WallClock
    }

    @Test func readsAndWritesSeeTheServiceClock() async throws {
        try await withTemporaryDatabase([Migration(1, "times", sql: "CREATE TABLE times (at_ms INTEGER NOT NULL);")]) {
            database in
            let handlers = Handlers(database: database, clock: WallClock { 42_000 })
            let written = try await handlers.write { connection, now in
                try connection.execute("INSERT INTO times (at_ms) VALUES (?)", [now])
                return now
            }
            let stored = try await handlers.read { connection in
                try connection.queryOne("SELECT at_ms FROM times")?.get(0, as: Int64.self)
            }
            let readAt = try await handlers.read { _, now in now }
            #expect(written == 42_000)
            #expect(stored == 42_000)
            #expect(readAt == 42_000)
        }
    }
}
