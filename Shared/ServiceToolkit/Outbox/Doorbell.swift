import Synchronization

/// Wakes the deliverer: `ring` after a commit that enqueued, `wait` until rung or
/// until a timeout passes. A ring while nobody waits is kept for the next wait, so a
/// commit that lands during a round is never missed.
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func ring() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.rung = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    func wait(upToMs timeoutMs: Int64) async {
        let timer = Task { [self] in
            try? await Task.sleep(for: .milliseconds(timeoutMs))
            if !Task.isCancelled { ring() }
        }
        defer { timer.cancel() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let already = state.withLock { state -> Bool in
                if state.rung {
                    state.rung = false
                    return true
                }
                state.waiter = continuation
                return false
            }
            if already { continuation.resume() }
        }
    }
}
