import Synchronization

/// A caller's continuation from the moment its work is queued until the work starts,
/// while the caller's cancellation may answer it first. Whoever moves it out of
/// waiting (the cancellation handler, or the connection claiming it to start the work)
/// answers the caller, so it is answered exactly once; the continuations are unchecked
/// on that ground.
final class WaitingCaller<T: Sendable>: Sendable {
    private enum State {
        /// The continuation is not handed over yet.
        case unattached
        /// The work is queued.
        case waiting(UnsafeContinuation<T, any Error>)
        /// The caller was cancelled and answered (or is answered by `attach`).
        case cancelled
        /// The work has started; whoever claimed it answers the caller.
        case claimed
    }

    private let state = Mutex(State.unattached)

    /// Hands over the continuation; false, having answered it with
    /// `CancellationError`, when the caller was cancelled already: the work must then
    /// not be queued.
    func attach(_ continuation: UnsafeContinuation<T, any Error>) -> Bool {
        let attached = state.withLock { state in
            guard case .unattached = state else { return false }
            state = .waiting(continuation)
            return true
        }
        if !attached { continuation.resume(throwing: CancellationError()) }
        return attached
    }

    /// The caller's task was cancelled: answers it with `CancellationError` unless its
    /// work has started. False when the work has started (and will answer).
    @discardableResult
    func cancel() -> Bool {
        let (answered, waiting) = state.withLock { state -> (Bool, UnsafeContinuation<T, any Error>?) in
            switch state {
            case .unattached, .cancelled:
                state = .cancelled
                return (true, nil)
            case .waiting(let continuation):
                state = .cancelled
                return (true, continuation)
            case .claimed:
                return (false, nil)
            }
        }
        waiting?.resume(throwing: CancellationError())
        return answered
    }

    /// Takes the continuation to start the work; nil when the caller was cancelled
    /// while it waited, in which case the work is skipped.
    func claim() -> UnsafeContinuation<T, any Error>? {
        state.withLock { state in
            guard case .waiting(let continuation) = state else { return nil }
            state = .claimed
            return continuation
        }
    }
}
