/// One attempt of a call on a client connection: waiting for the connection, sent,
/// or finished. Its deadline is a timer on the connection's loop.
final class ClientCall: LoopTimer, @unchecked Sendable {
    // Safety (@unchecked Sendable): created on the caller's thread with only `let`
    // properties set; every `var` is read and written only on the connection's event
    // loop thread, where the call is handed over through `loop.execute`.
    enum Phase {
        case created
        case waitingForConnection
        case sent
        case finished
    }

    let request: OutgoingCall
    let connection: ClientConnection
    var phase = Phase.created
    var id: UInt64 = 0
    /// Set when the caller's task was cancelled before the call reached the loop.
    var cancelledEarly = false
    private var continuation: CheckedContinuation<AttemptResult, Never>?

    init(request: OutgoingCall, connection: ClientConnection) {
        self.request = request
        self.connection = connection
    }

    func attach(_ continuation: CheckedContinuation<AttemptResult, Never>) {
        self.continuation = continuation
    }

    /// Resumes the caller once; later results (a late response after the deadline)
    /// are dropped.
    func finish(_ result: AttemptResult) {
        phase = .finished
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(returning: result)
    }

    override func timerFired() {
        connection.deadlinePassed(self)
    }
}

/// How one attempt ended.
enum AttemptResult: Sendable {
    case response([UInt8])
    /// `neverStarted`: the server provably did not run the call (it was never sent,
    /// or the server's GOAWAY said it was not accepted), so retrying is safe even for
    /// a method that is not idempotent.
    case failed(RPCError, neverStarted: Bool)
}
