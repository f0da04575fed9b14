import Foundation
import Testing
import Store

@Suite struct BackupAndIntegrityTests {
    static let schema = [
        Migration(1, "documents", sql: """
            CREATE TABLE documents(id INTEGER PRIMARY KEY, title TEXT NOT NULL, body BLOB NOT NULL);
            CREATE INDEX documents_by_title ON documents(title);
            """)
    ]

    static func insertDocuments(_ database: Database, _ titles: some Sequence<Int> & Sendable) async throws {
        try await database.write { connection in
            for index in titles {
                try connection.execute(
                    "INSERT INTO documents(title, body) VALUES (?, ?)",
                    ["Văn bản \(index)", [UInt8](repeating: UInt8(index % 256), count: 512)])
            }
        }
    }

    static func titles(_ database: Database) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT title FROM documents ORDER BY id").map { try $0.get(0) }
        }
    }

    @Test func aHealthyDatabasePassesTheIntegrityCheck() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            try await Self.insertDocuments(database, 0..<100)
            #expect(try await database.integrityCheck() == [])
        }
    }

    /// Fills a live database with `rows` documents, backs it up while `meanwhile`
    /// runs, checks the copy's integrity, and hands both databases to `compare`.
    static func backUp(
        rows: Int, meanwhile: @escaping @Sendable (Database) async throws -> Void = { _ in },
        compare: (_ live: Database, _ copy: Database) async throws -> Void
    ) async throws {
        try await withTemporaryDirectory { folder in
            let live = try await Database.open(path: folder.appendingPathComponent("live.sqlite").path, migrations: schema)
            try await insertDocuments(live, 0..<rows)
            let backupPath = folder.appendingPathComponent("backup.sqlite").path
            async let writes: Void = meanwhile(live)
            try await live.backup(to: backupPath)
            try await writes

            let copy = try await Database.open(path: backupPath, migrations: schema)
            #expect(try await copy.integrityCheck() == [])
            try await compare(live, copy)
            await copy.close()
            await live.close()
        }
    }

    @Test func aBackupHoldsTheSameRowsAndPassesTheIntegrityCheck() async throws {
        try await Self.backUp(rows: 500) { live, copy in
            let copied = try await Self.titles(copy)
            #expect(try await copied == Self.titles(live))
        }
    }

    @Test func aBackupTakenWhileWritesGoOnIsAConsistentSnapshot() async throws {
        try await Self.backUp(rows: 200) { live in
            for batch in 0..<20 { try await Self.insertDocuments(live, (batch * 10 + 1_000)..<(batch * 10 + 1_010)) }
        } compare: { live, copy in
            let copied = try await Self.titles(copy)
            let current = try await Self.titles(live)
            // Whatever moment the backup caught, it is a prefix of the live rows, in whole
            // transactions of ten.
            #expect(copied.count >= 200 && (copied.count - 200).isMultiple(of: 10))
            #expect(Array(current.prefix(copied.count)) == copied)
        }
    }
}
