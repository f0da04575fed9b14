import Glibc

/// A value guarded by a pthread mutex: the one way state is shared between threads in
/// the RPC runtime (event loops, signal handlers and callers of the public API).
///
/// Built on pthreads rather than the Synchronization module so that the runtime needs
/// nothing beyond Foundation, Dispatch and Glibc.
final class Lock<State>: @unchecked Sendable {
    // Safety: `state` is read and written only inside `withLock`, between
    // pthread_mutex_lock and pthread_mutex_unlock on `mutex`; the mutex lives in its
    // own allocation (a pthread mutex must not move) for the lifetime of this object.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var state: State

    init(_ initial: State) {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        state = initial
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always)
    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }
}
