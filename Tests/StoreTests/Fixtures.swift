import Dispatch
import Foundation
import Store

/// Runs `body` with a fresh folder under the system's temporary directory, removed
/// afterwards.
func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("store-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try await body(folder)
}

/// Opens a database in a fresh temporary folder, runs `body`, closes it.
func withDatabase(
    migrations: [Migration] = [], configuration: Database.Configuration = Database.Configuration(),
    _ body: (Database) async throws -> Void
) async throws {
    try await withTemporaryDirectory { folder in
        let database = try await Database.open(
            path: folder.appendingPathComponent("test.sqlite").path, migrations: migrations, configuration: configuration)
        do {
            try await body(database)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
    }
}

/// Runs `body` and returns the StoreError it threw, or nil when it threw none (or
/// threw something else).
func storeError(_ body: () async throws -> Void) async -> StoreError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? StoreError
    }
}

extension DispatchSemaphore {
    /// Waits on a Dispatch thread, so the awaiting test task does not block its own.
    func waitOffThread() async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.wait()
                continuation.resume()
            }
        }
    }
}

/// Holds the writer busy inside a write transaction until `release()`, so that the
/// test can arrange what happens meanwhile (reads, submissions piling up).
struct BlockedWriter {
    private let released: DispatchSemaphore
    private let task: Task<Void, any Error>

    /// Starts a write that first runs `work`, then waits; returns once it is waiting.
    static func start(_ database: Database, doing work: @escaping @Sendable (Connection) throws -> Void = { _ in })
        async -> BlockedWriter
    {
        let entered = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        let task = Task {
            try await database.write { connection in
                try work(connection)
                entered.signal()
                released.wait()
            }
        }
        await entered.waitOffThread()
        return BlockedWriter(released: released, task: task)
    }

    /// Lets the write commit and waits for it.
    func release() async throws {
        released.signal()
        try await task.value
    }
}

extension Database {
    /// The number of rows in `table` (a name from the test's own schema).
    func count(_ table: String) async throws -> Int {
        try await read { connection in try connection.queryOne("SELECT count(*) FROM \(table)")?.get(0) ?? 0 }
    }
}
