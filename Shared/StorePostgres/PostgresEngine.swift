import Dispatch
import Store
import Synchronization

/// One PostgreSQL database shared by N replicas of a service: the `SQLEngine` its
/// storage code runs on instead of its SQLite file. libpq blocks, so each connection
/// has a serial dispatch queue of its own and the engine never calls libpq on Swift's
/// cooperative pool; a bounded pool of them (opened on first use, reopened after the
/// server drops one) is shared by all the calls of the process.
///
/// Writes run at READ COMMITTED, each in its own transaction, committed with the
/// server's synchronous commit (durability is PostgreSQL's own). A write that loses a
/// race with another replica is run again (see `SQLEngine`): a serialization failure
/// or deadlock up to `maxRuns` times, a unique violation once (a key another replica
/// committed meanwhile is then seen; a real duplicate fails again and is reported).
/// Reads run in a REPEATABLE READ, READ ONLY transaction: one snapshot, as on SQLite.
public final class PostgresEngine: SQLEngine {
    public static let defaultConnections = 8
    static let maxRuns = 5

    private let url: String
    private let slots: [Slot]
    private let pool: Mutex<Pool>

    private struct Pool {
        var idle: [Int]
        var waiting: [CheckedContinuation<Int?, Never>] = []
        var closed = false
    }

    /// One connection and the queue it is used on.
    // Safety (@unchecked Sendable): `session` is read and written only by work running
    // on `queue`, which is serial, and the pool gives a slot to one caller at a time.
    private final class Slot: @unchecked Sendable {
        let queue: DispatchQueue
        var session: PostgresSession?

        init(label: String) {
            queue = DispatchQueue(label: label)
        }

        /// The slot's session, connecting first if it has none or its connection broke.
        func openSession(url: String) throws(StoreError) -> PostgresSession {
            if let session, session.connection.isUsable { return session }
            session = nil
            do {
                let opened = PostgresSession(connection: try PostgresConnection(url: url))
                session = opened
                return opened
            } catch {
                throw error.storeError
            }
        }
    }

    private init(url: String, connections: Int) {
        self.url = url
        let count = max(1, connections)
        slots = (0..<count).map { Slot(label: "sotay.store.postgres.\($0)") }
        pool = Mutex(Pool(idle: Array((0..<count).reversed())))
    }

    /// Connects to `url` and brings the schema up to date (`PostgresMigrator`: once,
    /// even when N replicas start together).
    public static func open(url: String, migrations: [PostgresMigration], lockKey: Int64,
                            connections: Int = defaultConnections) async throws -> PostgresEngine {
        let engine = PostgresEngine(url: url, connections: connections)
        try await engine.onConnection { open in
            do {
                try PostgresMigrator.migrate(try open().connection, with: migrations, lockKey: lockKey)
            } catch let error as PostgresError {
                throw error.storeError
            }
        }
        return engine
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await onConnection { open in
            try Self.rerunningRaces(maxRuns: 2) {
                try Self.transaction(try open(), beginning: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
            }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await onConnection { open in
            try Self.rerunningRaces(maxRuns: Self.maxRuns) { try Self.transaction(try open(), beginning: "BEGIN", body) }
        }
    }

    /// Waits for the work of every connection to end, then closes them; later calls
    /// fail as a busy database (UNAVAILABLE: try another replica).
    public func close() async {
        pool.withLock { $0.closed = true }
        for slot in slots {
            await withCheckedContinuation { continuation in
                slot.queue.async {
                    slot.session = nil
                    continuation.resume()
                }
            }
        }
        let waiting = pool.withLock { pool in
            defer { pool.waiting = [] }
            return pool.waiting
        }
        for waiter in waiting { waiter.resume(returning: nil) }
    }

    // MARK: Connections

    /// Runs `work` on a connection of the pool, on that connection's queue; `work` asks
    /// for the session each time it starts a transaction, so a run after the server
    /// dropped the connection gets a new one. A caller cancelled before it gets a
    /// connection gets `CancellationError` and runs nothing.
    private func onConnection<T: Sendable>(
        _ work: @escaping @Sendable (_ open: () throws -> PostgresSession) throws -> T
    ) async throws -> T {
        guard let index = await acquire() else {
            throw StoreError(otherEngine: .busy, message: "the database is closed", sql: nil)
        }
        defer { release(index) }
        try Task.checkCancellation()
        let slot = slots[index]
        let url = self.url
        return try await withCheckedThrowingContinuation { continuation in
            slot.queue.async {
                continuation.resume(with: Result { try work { () throws -> PostgresSession in try slot.openSession(url: url) } })
            }
        }
    }

    private func acquire() async -> Int? {
        await withCheckedContinuation { continuation in
            let ready = pool.withLock { pool -> Int?? in
                if pool.closed { return .some(nil) }
                if let index = pool.idle.popLast() { return .some(index) }
                pool.waiting.append(continuation)
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func release(_ index: Int) {
        let next = pool.withLock { pool -> CheckedContinuation<Int?, Never>? in
            guard !pool.waiting.isEmpty else {
                pool.idle.append(index)
                return nil
            }
            return pool.waiting.removeFirst()
        }
        next?.resume(returning: index)
    }

    // MARK: Transactions

    /// A failed COMMIT: whether the server kept the work is unknown, so it is never
    /// run again here; the caller sees UNAVAILABLE and retries as an idempotent call.
    private struct CommitFailed: Error {
        let error: StoreError
    }

    private static func transaction<T>(_ session: PostgresSession, beginning begin: String,
                                       _ body: (any SQLSession) throws -> T) throws -> T {
        try session.execute(begin, [])
        let value: T
        do {
            value = try body(session)
        } catch {
            if session.connection.isUsable { _ = try? session.connection.execute("ROLLBACK") }
            throw error
        }
        do {
            try session.execute("COMMIT", [])
        } catch let error as StoreError {
            throw CommitFailed(error: error)
        }
        return value
    }

    /// Runs `attempt` again while it fails for a race it may win next time.
    private static func rerunningRaces<T>(maxRuns: Int, _ attempt: () throws -> T) throws -> T {
        var run = 1
        while true {
            do {
                return try attempt()
            } catch let failed as CommitFailed {
                throw failed.error
            } catch let error as StoreError where run < maxRuns && (error.isBusy || (error.isDuplicateKey && run == 1)) {
                run += 1
            }
        }
    }
}
