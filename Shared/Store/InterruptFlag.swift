import Synchronization

/// A connection's "stop now" signal. SQLite's progress handler reads it every few
/// thousand virtual-machine instructions and, once it is raised, stops the running
/// statement with SQLITE_INTERRUPT. Only the job running on the connection raises it
/// (its caller's task was cancelled), and that job lowers it before the next job can
/// start (`ConnectionJob`), so an interrupt never reaches another caller's statement.
///
/// A flag rather than `sqlite3_interrupt`: SQLite forgets an interrupt that arrives
/// between two statements, and one that arrives as a job ends may stop the next job's.
final class InterruptFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    func raise() { raised.store(true, ordering: .releasing) }

    func lower() { raised.store(false, ordering: .releasing) }
}
