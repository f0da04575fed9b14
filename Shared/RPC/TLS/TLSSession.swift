import COpenSSL
import Glibc

/// One connection's TLS state (an OpenSSL `SSL` bound to the socket), read and
/// written without blocking. The handshake runs inside the first reads and writes.
///
/// TLS can make a read wait for the socket to be writable (a handshake message to
/// send) and a write wait for it to be readable (a handshake message to receive):
/// `readWaitsForWritable` and `writeWaitsForReadable` say so after a `.wouldBlock`,
/// and the connection watches the socket for that instead.
final class TLSSession {
    // Used only on its connection's event loop thread, like the connection itself.
    /// The session; nil once closed.
    private var ssl: OpaquePointer?
    private(set) var readWaitsForWritable = false
    private(set) var writeWaitsForReadable = false
    /// Why the session failed (OpenSSL's reason and the certificate check's), for the log.
    private(set) var failureReason: String?
    /// After a fatal error OpenSSL forbids a close_notify.
    private var broken = false
    private var peerNameChecked = false
    private var peerName: String?

    /// What OpenSSL says when the first bytes of a handshake are not TLS at all.
    private static let plaintextSigns = ["wrong version number", "http request", "packet length too long"]

    init(ssl: OpaquePointer) {
        self.ssl = ssl
    }

    deinit { close() }

    var isHandshakeComplete: Bool { ssl.map { SSL_is_init_finished($0) == 1 } ?? false }

    /// Decrypted bytes OpenSSL holds that the socket will not announce again.
    var hasBufferedInput: Bool { ssl.map { SSL_pending($0) > 0 } ?? false }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) -> IOResult {
        guard let ssl else { return .failed(EBADF) }
        // SSL_get_error reads this thread's error queue, which other OpenSSL users on the
        // loop thread (token checks, sealing) may have left something in.
        ERR_clear_error()
        let result = SSL_read(ssl, buffer, Int32(clamping: count))
        if result > 0 {
            readWaitsForWritable = false
            return .transferred(Int(result))
        }
        return outcome(of: result, ssl: ssl, reading: true)
    }

    func write(from buffer: UnsafeRawPointer, count: Int) -> IOResult {
        guard let ssl else { return .failed(EBADF) }
        ERR_clear_error()
        let result = SSL_write(ssl, buffer, Int32(clamping: count))
        if result > 0 {
            writeWaitsForReadable = false
            return .transferred(Int(result))
        }
        return outcome(of: result, ssl: ssl, reading: false)
    }

    private func outcome(of result: Int32, ssl: OpaquePointer, reading: Bool) -> IOResult {
        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_READ:
            if reading { readWaitsForWritable = false } else { writeWaitsForReadable = true }
            return .wouldBlock
        case SSL_ERROR_WANT_WRITE:
            if reading { readWaitsForWritable = true } else { writeWaitsForReadable = false }
            return .wouldBlock
        case SSL_ERROR_ZERO_RETURN:
            return .endOfFile
        case SSL_ERROR_SYSCALL:
            let code = errno
            broken = true
            _ = TLSError.drainErrorQueue()
            return code == 0 ? .endOfFile : .failed(code)
        default:
            broken = true
            var reason = TLSError.drainErrorQueue()
            let verification = SSL_get_verify_result(ssl)
            if verification != X509_V_OK, let text = X509_verify_cert_error_string(verification) {
                reason += " (\(String(cString: text)))"
            }
            if SSL_is_init_finished(ssl) != 1, TLSSession.plaintextSigns.contains(where: reason.contains) {
                reason += " (the peer does not speak TLS: a plaintext client?)"
            }
            failureReason = reason.isEmpty ? "TLS error \(error)" : reason
            return .failed(EPROTO)
        }
    }

    /// The first DNS name of the peer's certificate, when it presented one that
    /// verified against the certificate authority; nil otherwise. Read once the
    /// handshake is complete.
    var verifiedPeerName: String? {
        if peerNameChecked { return peerName }
        guard let ssl, isHandshakeComplete else { return nil }
        peerNameChecked = true
        guard let certificate = SSL_get0_peer_certificate(ssl), SSL_get_verify_result(ssl) == X509_V_OK else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        let length = Int(sotay_x509_first_dns_name(certificate, &buffer, Int32(buffer.count)))
        guard length > 0 else { return nil }
        peerName = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return peerName
    }

    /// Sends close_notify when the session is healthy (one try: the socket closes
    /// next either way) and frees the session. The caller closes the socket.
    func close() {
        guard let ssl else { return }
        if !broken && SSL_is_init_finished(ssl) == 1 { _ = SSL_shutdown(ssl) }
        _ = TLSError.drainErrorQueue()
        SSL_free(ssl)
        self.ssl = nil
    }
}
