import Synchronization

/// A few reader connections. A read goes to an idle reader at once or waits, in
/// arrival order, for the first reader to finish; in WAL mode readers see the last
/// committed data even while the writer has a transaction open.
final class ReaderPool: Sendable {
    private typealias Job = @Sendable (Connection) -> Void

    private struct State {
        var idle: [SerialConnection]
        var waiting: [Job] = []
    }

    private let readers: [SerialConnection]
    private let state: Mutex<State>

    init(readers: [SerialConnection]) {
        self.readers = readers
        state = Mutex(State(idle: readers))
    }

    /// Runs `body` on a reader's queue and returns its result. A caller whose task is
    /// cancelled gets `CancellationError`: its read is interrupted, or never starts if
    /// it is still waiting for a reader (`ConnectionJob`).
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await ConnectionJob.perform(body) { job in
            let work: Job = { connection in job.run(on: connection) }
            let reader = state.withLock { state -> SerialConnection? in
                if let reader = state.idle.popLast() { return reader }
                state.waiting.append(work)
                return nil
            }
            if let reader { dispatch(work, to: reader) }
        }
    }

    /// Reads waiting for a reader (tests use it to know that a read is queued).
    var waitingCount: Int {
        state.withLock { $0.waiting.count }
    }

    private func dispatch(_ job: @escaping Job, to reader: SerialConnection) {
        reader.enqueue { connection in
            job(connection)
            self.release(reader)
        }
    }

    /// A reader finished: it takes the oldest waiting job, or goes back to the idle list.
    private func release(_ reader: SerialConnection) {
        let next = state.withLock { state -> Job? in
            guard !state.waiting.isEmpty else {
                state.idle.append(reader)
                return nil
            }
            return state.waiting.removeFirst()
        }
        if let next { dispatch(next, to: reader) }
    }

    /// Closes every reader after the work it has been given; later reads fail with
    /// `.closed`.
    func close() async {
        for reader in readers { await reader.close() }
    }
}
