/// Heap storage for a message field that would otherwise make a struct contain itself
/// (a message reachable from its own singular fields). Copy-on-write keeps value
/// semantics: a copy shares the box until one side writes.
public struct WireBox<Value: Hashable & Sendable>: Hashable, Sendable {
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var storage: Storage

    @inlinable
    public init(_ value: Value) { storage = Storage(value) }

    @inlinable
    public var value: Value {
        get { storage.value }
        // An immutable storage object per value: writing replaces it, so boxes shared
        // between copies are never mutated and stay safe to share across threads.
        set { storage = Storage(newValue) }
    }

    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.storage === rhs.storage || lhs.value == rhs.value }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
