/// What a client interceptor sees of an outgoing call and may change (its metadata
/// and deadline).
public struct OutgoingCall: Sendable {
    /// "/sotay.org.v1.OrgService/GetUnit".
    public let path: String
    public var metadata: [String: String]
    public var deadline: Deadline
    /// Whether the channel may retry the call on UNAVAILABLE.
    public let idempotent: Bool
    /// The encoded request.
    public let payload: [UInt8]
}

/// Runs around every call a channel makes, the first given outermost: adding a bearer
/// token, logging, client-side metrics. It sees the whole call, retries included, and
/// may throw an `RPCError` to fail it without sending.
public protocol ClientInterceptor: Sendable {
    func intercept(
        _ call: OutgoingCall, next: (OutgoingCall) async throws -> [UInt8]
    ) async throws -> [UInt8]
}
