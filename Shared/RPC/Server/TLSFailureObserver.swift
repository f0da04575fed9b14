/// Told about every connection a TLS port refuses: a handshake that failed (a bad,
/// expired or unknown certificate, a plaintext client) or that did not finish in
/// time. The connection is closed; the server goes on. `reason` is OpenSSL's, with
/// the certificate check's when that failed; it never contains request data.
///
/// Called on an event loop thread: an implementation must be cheap and must not block.
public protocol TLSFailureObserver: Sendable {
    func tlsHandshakeFailed(peer: String, reason: String)
}
