import Synchronization

/// One accepted call on a server connection: its handler task, and its deadline as a
/// timer on the connection's loop.
///
/// A call is answered once: by its handler, by its deadline (DEADLINE_EXCEEDED) or
/// never (the client cancelled, or the connection closed). A handler that keeps
/// running after that still holds its concurrency slot until it returns.
final class ServerCall: LoopTimer, @unchecked Sendable {
    // Safety (@unchecked Sendable): created, read and changed only on the connection's
    // event loop thread; the handler task carries the reference but touches it only
    // on that loop's thread.
    let id: UInt64
    // Strong: a handler that outlives its connection still reports back to it.
    let connection: ServerConnection
    /// Set when the handler suspended before answering: the call is then in its
    /// connection's call table and its deadline timer is scheduled.
    var task: Task<Void, Never>?
    /// Answered, cancelled or abandoned: the handler's result will be dropped.
    var isSettled = false

    /// In the call table (and timer heap): the handler did not answer synchronously.
    var isRegistered: Bool { task != nil }

    private let endedByDeadline = Atomic<Bool>(false)

    init(id: UInt64, connection: ServerConnection) {
        self.id = id
        self.connection = connection
    }

    override func timerFired() {
        connection.deadlinePassed(self)
    }
}

extension ServerCall: CallEnding {
    /// Read by the handler's interceptors, possibly off the loop: hence an atomic.
    var deadlineExceeded: Bool { endedByDeadline.load(ordering: .acquiring) }

    func markDeadlineExceeded() {
        endedByDeadline.store(true, ordering: .releasing)
    }
}
