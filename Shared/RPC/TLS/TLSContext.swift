import COpenSSL
import Glibc

/// One OpenSSL `SSL_CTX`, configured once from a `TLSConfiguration`, from which each
/// connection makes its session. Reloading certificates makes a new context; the
/// sessions of the old one keep it alive (OpenSSL counts their references), so
/// connections already open continue undisturbed.
final class TLSContext: @unchecked Sendable {
    // Safety (@unchecked Sendable): `context` is fully configured in the initializer and
    // never changed afterwards; OpenSSL allows `SSL_new` on an unchanging SSL_CTX from
    // any number of threads (its reference count is atomic). Freed once, in deinit.
    enum Role { case server, client }

    private let context: OpaquePointer
    let role: Role
    let serverName: String?
    let handshakeTimeout: Duration

    init(_ configuration: TLSConfiguration, role: Role) throws(TLSError) {
        _ = TLSError.drainErrorQueue()
        guard let method = role == .server ? TLS_server_method() : TLS_client_method(),
              let context = SSL_CTX_new(method) else { throw TLSError.openSSL("cannot create a TLS context") }
        self.context = context
        self.role = role
        self.serverName = configuration.serverName
        self.handshakeTimeout = configuration.handshakeTimeout
        // From here on a throw runs deinit, which frees the context.
        guard sotay_ssl_ctx_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
            throw TLSError.openSSL("cannot require TLS 1.2")
        }
        // Partial writes: SSL_write returns after each record, like send(2) after a
        // partial write. Moving buffer: the output buffer may grow (and move) between a
        // write that would block and its retry.
        _ = sotay_ssl_ctx_set_mode(context, Int(SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
        // Connections are long-lived and never resumed: no session tickets to send.
        _ = SSL_CTX_set_num_tickets(context, 0)
        // A peer that closes without close_notify reads as end of file, as over plain
        // TCP: the frame reader already tells a cut-off frame from a clean end.
        sotay_ssl_ctx_ignore_unexpected_eof(context)
        // OpenSSL writes to the socket with write(2), which raises SIGPIPE when the
        // peer has gone; that must fail the write, not end the process.
        signal(SIGPIPE, SIG_IGN)
        guard SSL_CTX_load_verify_locations(context, configuration.caFile, nil) == 1 else {
            throw TLSError.openSSL("cannot read the certificate authority \(configuration.caFile)")
        }
        if let certificateFile = configuration.certificateFile {
            guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1 else {
                throw TLSError.openSSL("cannot read the certificate \(certificateFile)")
            }
            guard let keyFile = configuration.keyFile else {
                throw TLSError("the certificate \(certificateFile) is given without its key file")
            }
            guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
                throw TLSError.openSSL("cannot read the private key \(keyFile)")
            }
            guard SSL_CTX_check_private_key(context) == 1 else {
                throw TLSError.openSSL("the key \(keyFile) does not belong to the certificate \(certificateFile)")
            }
        } else if role == .server {
            throw TLSError("a TLS server needs a certificate and its key")
        }
        // A server checks a client's certificate when one is presented (services);
        // clients without one are served and use their tokens. A client always checks.
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    }

    deinit { SSL_CTX_free(context) }

    /// A session for the connected socket `fd`; its handshake runs with its first
    /// reads and writes.
    func makeSession(fd: Int32) throws(TLSError) -> TLSSession {
        guard let ssl = SSL_new(context) else { throw TLSError.openSSL("cannot create a TLS session") }
        guard SSL_set_fd(ssl, fd) == 1 else {
            SSL_free(ssl)
            throw TLSError.openSSL("cannot bind a TLS session to its socket")
        }
        switch role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            if let serverName {
                guard SSL_set1_host(ssl, serverName) == 1, sotay_ssl_set_tlsext_host_name(ssl, serverName) == 1 else {
                    SSL_free(ssl)
                    throw TLSError.openSSL("cannot expect the server name \(serverName)")
                }
            }
            SSL_set_connect_state(ssl)
        }
        return TLSSession(ssl: ssl)
    }
}
