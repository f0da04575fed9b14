/// TLS for a server or a channel: the certificate authority peers are checked
/// against, this side's own certificate, and (for a channel) the name the server must
/// prove. Files are PEM; they are read when the server starts (and again on
/// `RPCServer.reloadTLS()`) or when the channel is made.
///
/// A server always presents its certificate, and checks a client's when the client
/// presents one (mutual TLS between services: the name in it reaches handlers as
/// `CallContext.peerCertificateName`); clients without one (the gateway, the operator
/// CLI) are served too and authenticate with their tokens. A client always checks the
/// server's certificate against `caFile` and `serverName`.
public struct TLSConfiguration: Sendable, Equatable {
    /// The certificate authority whose certificates the peer must present.
    public var caFile: String
    /// This side's certificate (with any intermediates) and its private key; required
    /// for a server, optional for a client (which then presents none).
    public var certificateFile: String?
    public var keyFile: String?
    /// A channel's: the name (subjectAltName DNS) the server's certificate must carry.
    public var serverName: String?
    /// A server's: a handshake not finished this long after the connection was
    /// accepted is abandoned and logged, so a peer that sends nothing (or plain RPC)
    /// does not hold a connection slot.
    public var handshakeTimeout: Duration = .seconds(5)

    public init(caFile: String, certificateFile: String? = nil, keyFile: String? = nil, serverName: String? = nil) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.serverName = serverName
    }
}
