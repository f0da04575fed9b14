/// What a handler knows about its call besides the request: which method, from whom,
/// with which metadata, and how long it has.
///
/// A value: an interceptor that adds something (a verified identity, a logger) passes
/// a changed copy to the next step, and later steps see it.
public struct CallContext: Sendable {
    /// "/sotay.<service>.v1.<Service>/<Method>".
    public let method: String
    /// The caller's metadata, lower-case keys.
    public var metadata: [String: String]
    /// The caller's `request-id`, or one generated when the caller sent none.
    public var requestID: String { requestIDValue.text }
    private let requestIDValue: RequestIDValue
    /// When the caller stops waiting; nil when the caller set no deadline.
    public let deadline: Deadline?
    /// The peer's address, "ip:port".
    public let peer: String
    /// The name (first subjectAltName DNS) in the certificate the peer presented over
    /// TLS, verified against the server's certificate authority: which service is
    /// calling, under mutual TLS. Nil over plain TCP and for clients without a
    /// certificate (the gateway, the operator CLI).
    public let peerCertificateName: String?
    /// Why the runtime cancelled the handler, when it did; nil outside a server.
    public let ending: (any CallEnding)?
    private var values = CallContextValues()

    public init(method: String, metadata: [String: String] = [:], requestID: String? = nil,
                deadline: Deadline? = nil, peer: String = "local", peerCertificateName: String? = nil) {
        self.init(method: method, metadata: metadata,
                  requestID: (requestID ?? metadata[MetadataKey.requestID]).map(RequestIDValue.given)
                      ?? .generated(RequestID.reserve(1).lowerBound),
                  deadline: deadline, peer: peer, peerCertificateName: peerCertificateName, ending: nil)
    }

    /// The server's: `requestID` already taken from the metadata or numbered.
    init(method: String, metadata: [String: String], requestID: RequestIDValue, deadline: Deadline?, peer: String,
         peerCertificateName: String?, ending: (any CallEnding)?) {
        self.method = method
        self.metadata = metadata
        self.requestIDValue = requestID
        self.deadline = deadline
        self.peer = peer
        self.peerCertificateName = peerCertificateName
        self.ending = ending
    }

    /// Time left before the deadline (zero once passed); nil when there is none.
    public var remainingTime: Duration? { deadline?.remaining }

    /// The value an interceptor attached under `key`.
    public subscript<Key: CallContextKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}
