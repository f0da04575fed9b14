import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import Store

/// Work for a caller that has left (its task cancelled, as the RPC runtime does when a
/// client closes its connection or a deadline passes) stops, or never starts.
@Suite struct CancellationTests {
    static let schema = [Migration(1, "entries", sql: "CREATE TABLE entries(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")]

    /// Counting this far takes SQLite minutes, unless it is interrupted.
    static let aBillion = 1_000_000_000

    /// `statement`, reading the numbers 1 … `limit` from a recursive CTE named `counter`.
    static func counting(to limit: Int, _ statement: String) -> String {
        "WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < \(limit)) \(statement)"
    }

    static var oneReader: Database.Configuration {
        var configuration = Database.Configuration()
        configuration.readerCount = 1
        return configuration
    }

    /// Set by work that should never run.
    final class Ran: Sendable {
        private let ran = Atomic<Bool>(false)
        var value: Bool { ran.load(ordering: .acquiring) }
        func set() { ran.store(true, ordering: .releasing) }
    }

    static func insert(_ name: String) -> @Sendable (Connection) throws -> Void {
        { connection in try connection.execute("INSERT INTO entries(name) VALUES (?)", [name]) }
    }

    static func names(_ database: Database) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT name FROM entries ORDER BY id").map { try $0.get(0) }
        }
    }

    /// The task's outcome, waiting at most a generous bound: nil means it never came
    /// (the work was not interrupted), not that it was slow.
    static func outcome<T: Sendable>(of task: Task<T, any Error>) async -> Result<T, any Error>? {
        await withTaskGroup(of: Result<T, any Error>?.self) { group in
            group.addTask { await task.result }
            group.addTask {
                try? await Task.sleep(for: .seconds(60))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    static func isCancellation<T>(_ outcome: Result<T, any Error>?) -> Bool {
        guard case .failure(let error) = outcome else { return false }
        return error is CancellationError
    }

    /// Starts `work`, which signals once it runs on its connection, cancels its task
    /// then, and tells whether it ended in `CancellationError`.
    static func endsInCancellationWhenCancelledWhileRunning(
        _ work: @escaping @Sendable (DispatchSemaphore) async throws -> Void
    ) async -> Bool {
        let started = DispatchSemaphore(value: 0)
        let task = Task { try await work(started) }
        await started.waitOffThread()
        task.cancel()
        return isCancellation(await outcome(of: task))
    }

    @Test func aSlowReadIsInterruptedOnceItsTaskIsCancelledAndTheReaderServesTheNextRead() async throws {
        try await withDatabase(migrations: Self.schema, configuration: Self.oneReader) { database in
            let interrupted = await Self.endsInCancellationWhenCancelledWhileRunning { started in
                _ = try await database.read { connection in
                    started.signal()
                    return try connection.queryOne(Self.counting(to: Self.aBillion, "SELECT count(*) FROM counter"))?
                        .get(0, as: Int.self)
                }
            }
            #expect(interrupted)

            // The one reader is free, out of its transaction, and sees new commits.
            try await database.write(Self.insert("after"))
            #expect(try await Self.names(database) == ["after"])
        }
    }

    @Test func aSlowWriteIsInterruptedRolledBackAndTheWriterGoesOn() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let interrupted = await Self.endsInCancellationWhenCancelledWhileRunning { started in
                try await database.write { connection in
                    try Self.insert("cancelled")(connection)
                    started.signal()
                    try connection.execute(Self.counting(to: Self.aBillion, "INSERT INTO entries(name) SELECT 'n' || n FROM counter"))
                }
            }
            #expect(interrupted)

            try await database.write(Self.insert("after"))
            #expect(try await Self.names(database) == ["after"])
        }
    }

    @Test func aReadWaitingForAReaderWhenItsTaskIsCancelledNeverRuns() async throws {
        try await withDatabase(migrations: Self.schema, configuration: Self.oneReader) { database in
            let entered = DispatchSemaphore(value: 0)
            let released = DispatchSemaphore(value: 0)
            let blocking = Task {
                try await database.read { _ in
                    entered.signal()
                    released.wait()
                }
            }
            await entered.waitOffThread()
            let ran = Ran()
            let waiting = Task { try await database.read { _ in ran.set() } }
            #expect(await eventually { database.waitingReadCount == 1 })

            waiting.cancel()
            // Answered at once, while the reader is still busy.
            #expect(Self.isCancellation(await Self.outcome(of: waiting)))
            released.signal()
            try await blocking.value
            // The reader takes reads in order, so the cancelled one had its turn.
            #expect(try await database.read { connection in try connection.queryOne("SELECT 1")?.get(0) as Int? } == 1)
            #expect(!ran.value)
        }
    }

    @Test func aWriteWhoseTaskIsCancelledWhileTheWriterIsBusyNeverRuns() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let writer = await BlockedWriter.start(database)
            let waiting = Task { try await database.write(Self.insert("cancelled")) }
            waiting.cancel()
            #expect(Self.isCancellation(await Self.outcome(of: waiting)))
            try await writer.release()
            try await database.write(Self.insert("after"))
            #expect(try await Self.names(database) == ["after"])
        }
    }

    @Test func aCancelledSubmissionIsDroppedBeforeItsBatchAndItsBatchMatesCommit() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let writer = await BlockedWriter.start(database)
            let first = Task { try await database.submit(Self.insert("first")) }
            #expect(await eventually { database.pendingSubmissionCount == 1 })
            let cancelled = Task { try await database.submit(Self.insert("cancelled")) }
            #expect(await eventually { database.pendingSubmissionCount == 2 })
            let last = Task { try await database.submit(Self.insert("last")) }
            #expect(await eventually { database.pendingSubmissionCount == 3 })

            cancelled.cancel()
            #expect(Self.isCancellation(await Self.outcome(of: cancelled)))
            try await writer.release()
            try await first.value
            try await last.value
            #expect(try await Self.names(database) == ["first", "last"])
        }
    }

    @Test func aSubmissionCancelledWhileItsBatchRunsItCompletesAndCommits() async throws {
        try await withDatabase(migrations: Self.schema) { database in
            let entered = DispatchSemaphore(value: 0)
            let released = DispatchSemaphore(value: 0)
            let piece = Task {
                try await database.submit { connection -> Int in
                    try Self.insert("before cancel")(connection)
                    entered.signal()
                    released.wait()
                    try Self.insert("after cancel")(connection)
                    return try connection.queryOne(Self.counting(to: 100_000, "SELECT count(*) FROM counter"))?.get(0) ?? 0
                }
            }
            await entered.waitOffThread()
            piece.cancel()
            released.signal()
            let counted = try await piece.value
            #expect(counted == 100_000)
            #expect(try await Self.names(database) == ["before cancel", "after cancel"])
        }
    }
}
