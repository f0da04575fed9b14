import Synchronization

/// One caller's work for a connection (a read, a plain write, a migration run) that
/// stops when the caller's task is cancelled, as the RPC runtime does when a client
/// leaves or a deadline passes:
/// - cancelled while it waits for its connection, it never starts, and its caller gets
///   `CancellationError` at once;
/// - cancelled while it runs, the statement it runs (and any it starts later) is
///   interrupted through the connection's `InterruptFlag`; if the work then fails, its
///   caller gets `CancellationError` (its transaction rolled back what it did). Work
///   that finished anyway returns its result: it was done, and a write committed.
///
/// The flag is raised only under this job's lock while the job runs, and lowered under
/// the same lock as it finishes, before its connection can take the next job.
final class ConnectionJob<T: Sendable>: Sendable {
    private enum State {
        /// Not handed its continuation yet.
        case created
        /// Cancelled before it had its continuation: `attach` answers the caller.
        case cancelledBeforeAttaching
        /// Waiting for its connection.
        case queued(CheckedContinuation<T, any Error>)
        /// Running on a connection, whose flag stops it if `cancelled` becomes true.
        case running(CheckedContinuation<T, any Error>, InterruptFlag, cancelled: Bool)
        /// Its caller has been answered.
        case finished
    }

    private let body: @Sendable (Connection) throws -> T
    private let state = Mutex(State.created)

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
            try await withCheckedThrowingContinuation { continuation in
                if job.attach(continuation) { schedule(job) }
            }
        } onCancel: {
            job.cancel()
        }
    }

    /// Keeps the continuation; false (having answered it) when the task was cancelled
    /// before, in which case the job must not be scheduled.
    private func attach(_ continuation: CheckedContinuation<T, any Error>) -> Bool {
        let cancelled = state.withLock { state in
            guard case .cancelledBeforeAttaching = state else {
                state = .queued(continuation)
                return false
            }
            state = .finished
            return true
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    private func cancel() {
        let waiting = state.withLock { state -> CheckedContinuation<T, any Error>? in
            switch state {
            case .created:
                state = .cancelledBeforeAttaching
            case .queued(let continuation):
                state = .finished
                return continuation
            case .running(let continuation, let flag, cancelled: false):
                flag.raise()
                state = .running(continuation, flag, cancelled: true)
            case .running, .cancelledBeforeAttaching, .finished:
                break
            }
            return nil
        }
        waiting?.resume(throwing: CancellationError())
    }

    /// Runs the work on `connection` and answers the caller, unless the caller was
    /// cancelled (and answered) while the job waited.
    func run(on connection: Connection) {
        let flag = connection.interruptFlag
        let starts = state.withLock { state in
            guard case .queued(let continuation) = state else { return false }
            state = .running(continuation, flag, cancelled: false)
            return true
        }
        guard starts else { return }
        let result = Result { try body(connection) }
        let (continuation, cancelled) = state.withLock { state -> (CheckedContinuation<T, any Error>?, Bool) in
            guard case .running(let continuation, _, let cancelled) = state else { return (nil, false) }
            flag.lower()
            state = .finished
            return (continuation, cancelled)
        }
        switch result {
        case .failure where cancelled: continuation?.resume(throwing: CancellationError())
        default: continuation?.resume(with: result)
        }
    }
}
