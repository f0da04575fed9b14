import Synchronization

/// One counter that any thread adds to without a lock. Relaxed ordering: a counter
/// orders nothing else, and a reader only needs each value to be one that existed.
final class AtomicCounter: Sendable {
    private let value = Atomic<UInt64>(0)

    init() {}

    func add(_ amount: UInt64) {
        value.wrappingAdd(amount, ordering: .relaxed)
    }

    var current: UInt64 { value.load(ordering: .relaxed) }
}
