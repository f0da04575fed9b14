import RPC

/// Logs each connection a service's TLS port refused, one warning line naming the
/// peer's address and OpenSSL's reason (no request data: none was read).
struct TLSFailureLog: TLSFailureObserver {
    let logger: Logger

    func tlsHandshakeFailed(peer: String, reason: String) {
        logger.warning("TLS handshake refused", ["peer": peer, "reason": reason])
    }
}
