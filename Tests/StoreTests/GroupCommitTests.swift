import Dispatch
import Foundation
import TestSupport
import Testing
@testable import Store

@Suite struct GroupCommitTests {
    static let schema = [
        Migration(1, "entries", sql: """
            CREATE TABLE entries(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE parents(id INTEGER PRIMARY KEY);
            CREATE TABLE children(
                id INTEGER PRIMARY KEY,
                parent_id INTEGER NOT NULL REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED
            );
            """)
    ]

    struct PieceRefused: Error {}

    static func insert(_ name: String) -> @Sendable (Connection) throws -> Int64 {
        { connection in
            try connection.execute("INSERT INTO entries(name) VALUES (?)", [name])
            return connection.lastInsertRowID
        }
    }

    /// Submits every piece while the writer is held busy, so that they all wait and
    /// then commit in one batch; returns each piece's outcome in order.
    static func submitWhileTheWriterIsBusy(
        _ database: Database, _ pieces: [@Sendable (Connection) throws -> Int64]
    ) async throws -> [Result<Int64, any Error>] {
        let writer = await BlockedWriter.start(database)
        let tasks = pieces.map { piece in Task { try await database.submit(piece) } }
        #expect(await eventually { database.pendingSubmissionCount == pieces.count })
        try await writer.release()
        var outcomes: [Result<Int64, any Error>] = []
        for task in tasks { outcomes.append(await task.result) }
        return outcomes
    }

    static func names(_ database: Database) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT name FROM entries ORDER BY name").map { try $0.get(0) }
        }
    }

    @Test func aFailingPieceIsRolledBackAloneAndItsBatchMatesCommit() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let outcomes = try await Self.submitWhileTheWriterIsBusy(database, [
                Self.insert("a"),
                { connection in
                    _ = try Self.insert("refused")(connection)
                    throw PieceRefused()
                },
                Self.insert("a"),  // a unique violation, against its batch-mate
                Self.insert("b"),
            ])
            #expect((try? outcomes[0].get()) != nil)
            #expect(throws: PieceRefused.self) { try outcomes[1].get() }
            #expect(throws: StoreError.self) { try outcomes[2].get() }
            if case .failure(let error as StoreError) = outcomes[2] { #expect(error.constraintViolation == .unique) }
            #expect((try? outcomes[3].get()) != nil)
            #expect(try await Self.names(database) == ["a", "b"])
        }
    }

    @Test func aFailedCommitFailsEveryPieceOfTheBatch() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            // The foreign key is deferred, so the orphan passes its own savepoint and is
            // only caught by COMMIT, which then fails for the whole batch.
            let outcomes = try await Self.submitWhileTheWriterIsBusy(database, [
                Self.insert("innocent"),
                { connection in
                    try connection.execute("INSERT INTO children(parent_id) VALUES (?)", [404])
                    return connection.lastInsertRowID
                },
            ])
            for outcome in outcomes {
                #expect(throws: StoreError.self) { try outcome.get() }
                if case .failure(let error as StoreError) = outcome { #expect(error.constraintViolation == .foreignKey) }
            }
            #expect(try await Self.names(database) == [])
            // The writer is usable again afterwards.
            _ = try await database.submit(Self.insert("after"))
            #expect(try await Self.names(database) == ["after"])
        }
    }

    @Test func manyConcurrentSubmittersAllLand() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let submitters = 50, piecesEach = 20
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for submitter in 0..<submitters {
                    group.addTask {
                        var last: Int64 = 0
                        for piece in 0..<piecesEach {
                            last = try await database.submit(Self.insert("\(submitter)-\(piece)"))
                        }
                        return last
                    }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            #expect(ids.count == submitters)
            #expect(try await database.count("entries") == submitters * piecesEach)
        }
    }

    @Test func moreSubmissionsThanOneBatchHoldsAreAllCommitted() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let outcomes = try await Self.submitWhileTheWriterIsBusy(database, (0..<600).map { Self.insert("entry \($0)") })
            #expect(outcomes.allSatisfy { (try? $0.get()) != nil })
            #expect(try await database.count("entries") == 600)
        }
    }

    @Test func piecesSubmittedWhileABatchRunsJoinItUpToTheBatchLimit() async throws {
        try await withTemporaryDirectory { folder in
            var configuration = Database.Configuration()
            configuration.maxGroupCommitBatch = 2
            let database = try await Database.open(
                path: folder.appendingPathComponent("test.sqlite").path, migrations: Self.schema,
                configuration: configuration)
            let entered = DispatchSemaphore(value: 0)
            let proceed = DispatchSemaphore(value: 0)
            // The first piece leaves an orphan that only COMMIT catches (a deferred
            // foreign key), so whoever shares its transaction fails with it.
            let first = Task {
                try await database.submit { connection in
                    try connection.execute("INSERT INTO children(parent_id) VALUES (?)", [404])
                    entered.signal()
                    proceed.wait()
                    return connection.lastInsertRowID
                }
            }
            await entered.waitOffThread()
            let second = Task { try await database.submit(Self.insert("joins the running batch")) }
            #expect(await eventually { database.pendingSubmissionCount == 1 })
            let third = Task { try await database.submit(Self.insert("past the batch limit")) }
            #expect(await eventually { database.pendingSubmissionCount == 2 })
            proceed.signal()

            for outcome in [await first.result, await second.result] {
                #expect(throws: StoreError.self) { try outcome.get() }
                if case .failure(let error as StoreError) = outcome { #expect(error.constraintViolation == .foreignKey) }
            }
            #expect((try? await third.value) != nil)
            #expect(try await Self.names(database) == ["past the batch limit"])
            await database.close()
        }
    }

    @Test func plainWritesAndSubmissionsShareTheWriter() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        if index.isMultiple(of: 2) {
                            _ = try await database.submit(Self.insert("submitted \(index)"))
                        } else {
                            _ = try await database.write(Self.insert("written \(index)"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await database.count("entries") == 100)
        }
    }
}
