/// A cryptographic primitive failed inside OpenSSL. Carries no key or data material.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    public let operation: String
    public init(_ operation: String) { self.operation = operation }
    public var description: String { "cryptographic operation failed: \(operation)" }
}
