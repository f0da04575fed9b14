/// A typed slot in `CallContext`: declare a key type, then read and write
/// `context[MyKey.self]`. ServiceKit's auth interceptor stores the verified identity
/// this way, so the RPC runtime never needs to know its type:
///
/// ```swift
/// enum VerifiedIdentityKey: CallContextKey { typealias Value = VerifiedIdentity }
/// extension CallContext {
///     public var identity: VerifiedIdentity? { self[VerifiedIdentityKey.self] }
/// }
/// ```
public protocol CallContextKey {
    associatedtype Value: Sendable
}
