import Foundation
import Testing
import Store

@Suite struct ConnectionTests {
    static let schema = [
        Migration(1, "every type", sql: """
            CREATE TABLE samples(
                id INTEGER PRIMARY KEY,
                big INTEGER, small INTEGER, ratio REAL, title TEXT, bytes BLOB, data BLOB, flag INTEGER
            )
            """)
    ]
    static let insertSample = "INSERT INTO samples(big, small, ratio, title, bytes, data, flag) VALUES (?, ?, ?, ?, ?, ?, ?)"
    static let selectSample = "SELECT big, small, ratio, title, bytes, data, flag FROM samples WHERE id = ?"

    struct Sample: Equatable, Sendable {
        var big: Int64?
        var small: Int?
        var ratio: Double?
        var title: String?
        var bytes: [UInt8]?
        var data: Data?
        var flag: Bool?

        var arguments: [(any SQLValueConvertible)?] { [big, small, ratio, title, bytes, data, flag] }
    }

    static func sample(_ row: Row) throws -> Sample {
        Sample(
            big: try row.get("big"), small: try row.get("small"), ratio: try row.get("ratio"),
            title: try row.get("title"), bytes: try row.get("bytes"), data: try row.get("data"),
            flag: try row.get("flag"))
    }

    static func roundTrip(_ sample: Sample, in database: Database) async throws -> Sample? {
        let id = try await database.write { connection in
            try connection.execute(Self.insertSample, sample.arguments)
            return connection.lastInsertRowID
        }
        return try await database.read { connection in
            try connection.queryOne(Self.selectSample, [id]).map(Self.sample)
        }
    }

    @Test(arguments: [
        Sample(
            big: .max, small: -42, ratio: 0.1, title: "Nghị quyết số 57-NQ/TW về Đảng viên ở Khe Hóp 🇻🇳",
            bytes: [0, 1, 254, 255], data: Data([9, 8, 7]), flag: true),
        Sample(big: .min, small: 0, ratio: -1e300, title: "", bytes: [], data: Data(), flag: false),
        Sample(big: nil, small: nil, ratio: nil, title: nil, bytes: nil, data: nil, flag: nil),
        Sample(big: 1, small: nil, ratio: 2, title: "nul\u{0}inside", bytes: nil, data: nil, flag: nil),
    ])
    func valuesComeBackAsTheyWereStored(sample: Sample) async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let stored = try await Self.roundTrip(sample, in: database)
            #expect(stored == sample)
        }
    }

    @Test func nullReadAsANonOptionalIsATypeMismatchNamingTheColumn() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let error = await storeError {
                _ = try await database.read { connection in
                    try connection.queryOne("SELECT NULL AS title")?.get("title", as: String.self)
                }
            }
            #expect(error?.kind == .columnTypeMismatch)
            #expect(error?.message.contains("`title` holds NULL") == true)
        }
    }

    @Test func textIsNotSilentlyReadAsANumber() async throws {
        try await withDatabase { database in
            let error = await storeError {
                _ = try await database.read { connection in try connection.queryOne("SELECT '12'")?.get(0, as: Int64.self) }
            }
            #expect(error?.kind == .columnTypeMismatch)
        }
    }

    @Test func changesForEachRowAndQueryOneBehave() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let changed = try await database.write { connection in
                for small in 1...5 { try connection.execute("INSERT INTO samples(small) VALUES (?)", [small]) }
                try connection.execute("UPDATE samples SET flag = 1 WHERE small > ?", [2])
                return connection.changes
            }
            #expect(changed == 3)
            let sum = try await database.read { connection in
                var sum = 0
                try connection.forEachRow("SELECT small FROM samples ORDER BY small") { row in sum += try row.get(0) as Int }
                return sum
            }
            #expect(sum == 15)
            let missing = try await database.read { connection in
                try connection.queryOne("SELECT id FROM samples WHERE small = ?", [99])
            }
            #expect(missing == nil)
        }
    }

    @Test func theSameStatementCanBeUsedInsideItsOwnLoop() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let sql = "SELECT small FROM samples WHERE small >= ? ORDER BY small"
            let pairs = try await database.write { connection in
                for small in 1...3 { try connection.execute("INSERT INTO samples(small) VALUES (?)", [small]) }
                var pairs = 0
                try connection.forEachRow(sql, [1]) { row in
                    pairs += try connection.query(sql, [try row.get(0, as: Int.self)]).count
                }
                return pairs
            }
            #expect(pairs == 3 + 2 + 1)
        }
    }

    @Test func aWrongArgumentCountOrSeveralStatementsAreRefused() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let tooFew = await storeError {
                try await database.write { connection in try connection.execute("INSERT INTO samples(small) VALUES (?)") }
            }
            #expect(tooFew?.message.contains("takes 1 arguments, 0 were given") == true)
            let several = await storeError {
                try await database.write { connection in try connection.execute("SELECT 1; DROP TABLE samples") }
            }
            #expect(several?.message.contains("only one statement") == true)
            let rows = try await database.count("samples")
            #expect(rows == 0)
        }
    }

    @Test func aFailedSavepointRollsBackOnlyItsOwnWork() async throws {
        struct Refused: Error {}
        try await withDatabase(migrations: Self.schema) { database in
            try await database.write { connection in
                try connection.execute("INSERT INTO samples(small) VALUES (1)")
                _ = try? connection.withSavepoint {
                    try connection.execute("INSERT INTO samples(small) VALUES (2)")
                    try connection.withSavepoint { try connection.execute("INSERT INTO samples(small) VALUES (3)") }
                    throw Refused()
                }
                try connection.withSavepoint { try connection.execute("INSERT INTO samples(small) VALUES (4)") }
            }
            let kept = try await database.read { connection in
                try connection.query("SELECT small FROM samples ORDER BY small").map { try $0.get(0, as: Int.self) }
            }
            #expect(kept == [1, 4])
        }
    }

    @Test func aThrowingWriteRollsBackAndReadersRefuseToWrite() async throws {
        struct Refused: Error {}
        try await withDatabase(migrations: Self.schema) { database in
            await #expect(throws: Refused.self) {
                try await database.write { connection in
                    try connection.execute("INSERT INTO samples(small) VALUES (1)")
                    throw Refused()
                }
            }
            let rows = try await database.count("samples")
            #expect(rows == 0)
            let error = await storeError {
                try await database.read { connection in try connection.execute("INSERT INTO samples(small) VALUES (1)") }
            }
            #expect(error?.primaryCode == 8)  // SQLITE_READONLY
        }
    }

    @Test func aClosedDatabaseAnswersClosed() async throws {
        try await withTemporaryDirectory { folder in
            let database = try await Database.open(path: folder.appendingPathComponent("closed.sqlite").path)
            await database.close()
            let read = await storeError { _ = try await database.read { connection in try connection.query("SELECT 1") } }
            let submitted = await storeError { try await database.submit { connection in try connection.execute("SELECT 1") } }
            #expect(read?.kind == .closed)
            #expect(submitted?.kind == .closed)
        }
    }
}
