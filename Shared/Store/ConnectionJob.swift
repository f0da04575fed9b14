import Synchronization

/// One caller's work for a connection (a read, a plain write, a migration run) that
/// stops when the caller's task is cancelled, as the RPC runtime does when a client
/// leaves or a deadline passes:
/// - cancelled while it waits for its connection, it never starts, and its caller gets
///   `CancellationError` at once (`WaitingCaller`);
/// - cancelled while it runs, the statement it runs (and any it starts later) is
///   interrupted through the connection's `InterruptFlag`; if the work then fails, its
///   caller gets `CancellationError` (its transaction rolled back what it did). Work
///   that finished anyway returns its result: it was done, and a write committed.
///
/// The flag is raised only under this job's lock while the job runs, and lowered under
/// the same lock as it finishes, before its connection can take the next job.
final class ConnectionJob<T: Sendable>: Sendable {
    /// The running job's connection flag, and whether its caller was cancelled.
    private struct Running {
        var flag: InterruptFlag?
        var cancelled = false
    }

    private let body: @Sendable (Connection) throws -> T
    private let caller = WaitingCaller<T>()
    private let running = Mutex(Running())

    private init(body: @escaping @Sendable (Connection) throws -> T) {
        self.body = body
    }

    /// Runs `body` as a job: `schedule` must arrange for `run(on:)` to be called once,
    /// on the connection's queue. It is not called when the task is already cancelled.
    static func perform(
        _ body: @escaping @Sendable (Connection) throws -> T, scheduling schedule: (ConnectionJob<T>) -> Void
    ) async throws -> T {
        let job = ConnectionJob(body: body)
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                if job.caller.attach(continuation) { schedule(job) }
            }
        } onCancel: {
            job.cancel()
        }
    }

    private func cancel() {
        guard !caller.cancel() else { return }
        running.withLock { running in
            running.cancelled = true
            running.flag?.raise()
        }
    }

    /// Runs the work on `connection` and answers the caller, unless the caller was
    /// cancelled (and answered) while the job waited.
    func run(on connection: Connection) {
        guard let continuation = caller.claim() else { return }
        let flag = connection.interruptFlag
        running.withLock { running in
            running.flag = flag
            if running.cancelled { flag.raise() }
        }
        let result = Result { try body(connection) }
        let cancelled = running.withLock { running in
            flag.lower()
            running.flag = nil
            return running.cancelled
        }
        switch result {
        case .failure where cancelled: continuation.resume(throwing: CancellationError())
        default: continuation.resume(with: result)
        }
    }
}
