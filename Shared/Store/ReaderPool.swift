import Synchronization

/// A few reader connections. A read goes to an idle reader at once or waits for the
/// first reader to finish; waiting reads are served caller by caller in turn
/// (`ReadFairness`), each caller's in arrival order. In WAL mode readers see the last
/// committed data even while the writer has a transaction open.
final class ReaderPool: Sendable {
    private typealias Job = @Sendable (Connection) -> Void

    private struct State {
        var idle: [SerialConnection]
        /// Waiting reads by caller, oldest first.
        var waiting: [String: [Job]] = [:]
        /// The callers with waiting reads, in the order their turns come.
        var turns: [String] = []
        var waitingCount = 0

        mutating func wait(_ job: @escaping Job, for caller: String) {
            if waiting[caller, default: []].isEmpty { turns.append(caller) }
            waiting[caller, default: []].append(job)
            waitingCount += 1
        }

        /// The oldest read of the caller whose turn it is; that caller goes to the back
        /// of the line if it has more.
        mutating func next() -> Job? {
            while !turns.isEmpty {
                let caller = turns.removeFirst()
                guard var jobs = waiting.removeValue(forKey: caller), !jobs.isEmpty else { continue }
                let job = jobs.removeFirst()
                waitingCount -= 1
                if !jobs.isEmpty {
                    waiting[caller] = jobs
                    turns.append(caller)
                }
                return job
            }
            return nil
        }
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
        let caller = ReadFairness.caller
        return try await ConnectionJob.perform(body) { job in
            let work: Job = { connection in job.run(on: connection) }
            let reader = state.withLock { state -> SerialConnection? in
                if let reader = state.idle.popLast() { return reader }
                state.wait(work, for: caller)
                return nil
            }
            if let reader { dispatch(work, to: reader) }
        }
    }

    /// Reads waiting for a reader (tests use it to know that a read is queued).
    var waitingCount: Int {
        state.withLock { $0.waitingCount }
    }

    private func dispatch(_ job: @escaping Job, to reader: SerialConnection) {
        reader.enqueue { connection in
            job(connection)
            self.release(reader)
        }
    }

    /// A reader finished: it takes the next waiting job in turn, or goes back to the
    /// idle list.
    private func release(_ reader: SerialConnection) {
        let next = state.withLock { state -> Job? in
            guard let job = state.next() else {
                state.idle.append(reader)
                return nil
            }
            return job
        }
        if let next { dispatch(next, to: reader) }
    }

    /// Closes every reader after the work it has been given; later reads fail with
    /// `.closed`.
    func close() async {
        for reader in readers { await reader.close() }
    }
}
