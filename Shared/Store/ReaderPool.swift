import Synchronization

/// A few reader connections. A read goes to an idle reader at once or waits for the
/// first reader to finish; waiting reads are served caller by caller in turn
/// (`ReadFairness`), each caller's in arrival order. One caller never holds every
/// reader: with more than one, one is kept for the others, so a caller whose reads are
/// all slow (issue 10: province-wide searches from one address) cannot make another
/// caller's read wait for one of them. In WAL mode readers see the last committed data
/// even while the writer has a transaction open.
final class ReaderPool: Sendable {
    private typealias Job = @Sendable (Connection) -> Void

    private struct State {
        var idle: [SerialConnection]
        /// Waiting reads by caller, oldest first.
        var waiting: [String: [Job]] = [:]
        /// The callers with waiting reads, in the order their turns come.
        var turns: [String] = []
        var waitingCount = 0
        /// Readers each caller is using now.
        var holding: [String: Int] = [:]
        let maxHeldByOneCaller: Int

        func mayStart(_ caller: String) -> Bool {
            holding[caller, default: 0] < maxHeldByOneCaller
        }

        mutating func started(_ caller: String) {
            holding[caller, default: 0] += 1
        }

        mutating func finished(_ caller: String) {
            let held = holding[caller, default: 1] - 1
            holding[caller] = held > 0 ? held : nil
        }

        mutating func wait(_ job: @escaping Job, for caller: String) {
            if waiting[caller, default: []].isEmpty { turns.append(caller) }
            waiting[caller, default: []].append(job)
            waitingCount += 1
        }

        /// The oldest read of the first caller in line that may use one more reader;
        /// that caller goes to the back of the line if it has more. Callers at their
        /// limit keep their place.
        mutating func next() -> (caller: String, job: Job)? {
            while let turn = turns.firstIndex(where: { mayStart($0) }) {
                let caller = turns.remove(at: turn)
                guard var jobs = waiting.removeValue(forKey: caller), !jobs.isEmpty else { continue }
                let job = jobs.removeFirst()
                waitingCount -= 1
                if !jobs.isEmpty {
                    waiting[caller] = jobs
                    turns.append(caller)
                }
                started(caller)
                return (caller, job)
            }
            return nil
        }
    }

    private let readers: [SerialConnection]
    private let state: Mutex<State>

    init(readers: [SerialConnection]) {
        self.readers = readers
        state = Mutex(State(idle: readers, maxHeldByOneCaller: max(1, readers.count - 1)))
    }

    /// Runs `body` on a reader's queue and returns its result. A caller whose task is
    /// cancelled gets `CancellationError`: its read is interrupted, or never starts if
    /// it is still waiting for a reader (`ConnectionJob`).
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let caller = ReadFairness.caller
        return try await ConnectionJob.perform(body) { job in
            let work: Job = { connection in job.run(on: connection) }
            let reader = state.withLock { state -> SerialConnection? in
                if state.mayStart(caller), let reader = state.idle.popLast() {
                    state.started(caller)
                    return reader
                }
                state.wait(work, for: caller)
                return nil
            }
            if let reader { dispatch(work, for: caller, to: reader) }
        }
    }

    /// Reads waiting for a reader (tests use it to know that a read is queued).
    var waitingCount: Int {
        state.withLock { $0.waitingCount }
    }

    private func dispatch(_ job: @escaping Job, for caller: String, to reader: SerialConnection) {
        reader.enqueue { connection in
            job(connection)
            self.release(reader, from: caller)
        }
    }

    /// A reader finished `caller`'s read: it takes the next waiting read in turn, or
    /// goes back to the idle list.
    private func release(_ reader: SerialConnection, from caller: String) {
        let next = state.withLock { state -> (caller: String, job: Job)? in
            state.finished(caller)
            guard let next = state.next() else {
                state.idle.append(reader)
                return nil
            }
            return next
        }
        if let next { dispatch(next.job, for: next.caller, to: reader) }
    }

    /// Closes every reader after the work it has been given; later reads fail with
    /// `.closed`.
    func close() async {
        for reader in readers { await reader.close() }
    }
}
