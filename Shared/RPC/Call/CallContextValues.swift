/// The values interceptors attach to a `CallContext`, by key type.
///
/// A served call carries one or two (the logger source, the caller's identity), so the
/// first two live inline and only a third starts a dictionary: attaching a value to a
/// call then allocates nothing, where a dictionary allocated its storage on every call.
@usableFromInline
struct CallContextValues: Sendable {
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline let key: ObjectIdentifier
        @usableFromInline let value: any Sendable

        @inlinable
        init(key: ObjectIdentifier, value: any Sendable) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline var first: Entry?
    @usableFromInline var second: Entry?
    /// Keys beyond the first two. A key is in at most one place.
    @usableFromInline var more: [ObjectIdentifier: any Sendable] = [:]

    @usableFromInline
    init() {}

    @inlinable
    subscript(key: ObjectIdentifier) -> (any Sendable)? {
        get {
            if let first, first.key == key { return first.value }
            if let second, second.key == key { return second.value }
            return more.isEmpty ? nil : more[key]
        }
        set {
            let entry = newValue.map { Entry(key: key, value: $0) }
            if first?.key == key {
                first = entry
            } else if second?.key == key {
                second = entry
            } else if !more.isEmpty && more[key] != nil {
                more[key] = newValue
            } else if entry == nil {
                return
            } else if first == nil {
                first = entry
            } else if second == nil {
                second = entry
            } else {
                more[key] = newValue
            }
        }
    }
}
