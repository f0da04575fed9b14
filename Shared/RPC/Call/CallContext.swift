/// What a handler knows about its call besides the request: which method, from whom,
/// with which metadata, and how long it has.
///
/// A value: an interceptor that adds something (a verified identity, a logger) passes
/// a changed copy to the next step, and later steps see it.
public struct CallContext: Sendable {
    /// What the call arrived with, shared by every copy: an interceptor's changed copy
    /// costs one reference count, not one for each field.
    private let call: CallDescription
    @usableFromInline var values = CallContextValues()

    /// "/sotay.<service>.v1.<Service>/<Method>".
    public var method: String { call.method }
    /// The caller's metadata, lower-case keys.
    public var metadata: [String: String] { call.metadata }
    /// The caller's `request-id`, or one generated when the caller sent none.
    public var requestID: String { call.requestID.text }
    /// When the caller stops waiting; nil when the caller set no deadline.
    public var deadline: Deadline? { call.deadline }
    /// The peer's address, "ip:port".
    public var peer: String { call.peer }
    /// The name (first subjectAltName DNS) in the certificate the peer presented over
    /// TLS, verified against the server's certificate authority: which service is
    /// calling, under mutual TLS. Nil over plain TCP and for clients without a
    /// certificate (the gateway, the operator CLI).
    public var peerCertificateName: String? { call.peerCertificateName }
    /// Why the runtime cancelled the handler, when it did; nil outside a server and
    /// for a call served without a task (`RPCMethod.synchronousUnary`).
    public var ending: (any CallEnding)? { call.ending }
    /// Nanoseconds since the server read the call's frame (since the context was made,
    /// for one made in-process): what a call's latency is measured from, with the one
    /// clock reading it takes to end it.
    public var nanosecondsSinceReceived: UInt64 { MonotonicClock.now() &- call.receivedAt }

    public init(method: String, metadata: [String: String] = [:], requestID: String? = nil,
                deadline: Deadline? = nil, peer: String = "local", peerCertificateName: String? = nil) {
        self.init(method: method, metadata: metadata,
                  requestID: (requestID ?? metadata[MetadataKey.requestID]).map(RequestIDValue.given)
                      ?? .generated(RequestID.reserve(1).lowerBound),
                  deadline: deadline, peer: peer, peerCertificateName: peerCertificateName, ending: nil,
                  receivedAt: MonotonicClock.now())
    }

    /// The server's: `requestID` already taken from the metadata or numbered.
    init(method: String, metadata: [String: String], requestID: RequestIDValue, deadline: Deadline?, peer: String,
         peerCertificateName: String?, ending: (any CallEnding)?, receivedAt: UInt64) {
        call = CallDescription(method: method, metadata: metadata, requestID: requestID, deadline: deadline, peer: peer,
                               peerCertificateName: peerCertificateName, ending: ending, receivedAt: receivedAt)
    }

    /// Time left before the deadline (zero once passed); nil when there is none.
    public var remainingTime: Duration? { deadline?.remaining }

    /// The value an interceptor attached under `key`. Inlinable, so that each key's
    /// reads and writes are specialized where they are made instead of going through
    /// generic metadata on every call.
    @inlinable
    public subscript<Key: CallContextKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}

/// The fields of a `CallContext` that no interceptor changes.
private final class CallDescription: Sendable {
    let method: String
    let metadata: [String: String]
    let requestID: RequestIDValue
    let deadline: Deadline?
    let peer: String
    let peerCertificateName: String?
    let ending: (any CallEnding)?
    /// `MonotonicClock` nanoseconds.
    let receivedAt: UInt64

    init(method: String, metadata: [String: String], requestID: RequestIDValue, deadline: Deadline?, peer: String,
         peerCertificateName: String?, ending: (any CallEnding)?, receivedAt: UInt64) {
        self.method = method
        self.metadata = metadata
        self.requestID = requestID
        self.deadline = deadline
        self.peer = peer
        self.peerCertificateName = peerCertificateName
        self.ending = ending
        self.receivedAt = receivedAt
    }
}
