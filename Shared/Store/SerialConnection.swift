import Dispatch

/// A connection together with the serial queue that is the only place it is used.
///
/// The queue is a Dispatch queue, not the Swift cooperative pool: SQLite work blocks
/// (file reads, fsync on COMMIT, the busy timeout), and blocking a cooperative thread
/// would stall unrelated tasks. Callers await a continuation that the queue resumes.
final class SerialConnection: @unchecked Sendable {
    // Safety: `connection` is touched only inside blocks submitted to `queue`, which is
    // serial, so one thread at a time uses it; it is created on that queue too.
    private let connection: Connection
    private let queue: DispatchQueue

    private init(connection: Connection, queue: DispatchQueue) {
        self.connection = connection
        self.queue = queue
    }

    /// Opens a connection on a new serial queue (opening reads the file, so it happens
    /// on that queue as well).
    static func open(
        path: String, role: Connection.Role, label: String, busyTimeoutMilliseconds: Int32
    ) async throws -> SerialConnection {
        let queue = DispatchQueue(label: label)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    let connection = try Connection(path: path, role: role, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
                    return SerialConnection(connection: connection, queue: queue)
                })
            }
        }
    }

    /// Queues `work`; it runs later, alone with the connection, on the queue's thread.
    func enqueue(_ work: @escaping @Sendable (Connection) -> Void) {
        queue.async { work(self.connection) }
    }

    /// Runs `body` on the queue and returns its result to the awaiting caller; stops it
    /// (or never starts it) when the caller's task is cancelled (`ConnectionJob`).
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await ConnectionJob.perform(body) { job in
            enqueue { connection in job.run(on: connection) }
        }
    }

    /// Runs `body` on the queue even when the caller's task is cancelled: closing must
    /// happen whatever becomes of the task that asked for it.
    func runToCompletion(_ body: @escaping @Sendable (Connection) -> Void) async {
        await withCheckedContinuation { continuation in
            enqueue { connection in
                body(connection)
                continuation.resume()
            }
        }
    }

    /// Closes the connection once the work queued before this call has run.
    func close() async {
        await runToCompletion { connection in connection.close() }
    }
}
