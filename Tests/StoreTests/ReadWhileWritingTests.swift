import Testing
import Store

@Suite struct ReadWhileWritingTests {
    static let schema = [Migration(1, "notes", sql: "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")]

    @Test func readersSeeCommittedRowsButNotAWriteStillInProgress() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            try await database.write { connection in try connection.execute("INSERT INTO notes(body) VALUES ('committed')") }

            let writer = await BlockedWriter.start(database) { connection in
                try connection.execute("INSERT INTO notes(body) VALUES ('in progress')")
            }
            // The writer holds its transaction open while these reads run.
            let bodies = try await database.read { connection in
                try connection.query("SELECT body FROM notes").map { try $0.get(0, as: String.self) }
            }
            #expect(bodies == ["committed"])
            try await writer.release()

            #expect(try await database.count("notes") == 2)
        }
    }

    @Test func manyReadsAtOnceShareThePoolAndAllFinish() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            try await database.write { connection in
                for index in 0..<10 { try connection.execute("INSERT INTO notes(body) VALUES (?)", ["note \(index)"]) }
            }
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 { group.addTask { try await database.count("notes") } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts == Array(repeating: 10, count: 200))
        }
    }
}
