/// How a connection moves its bytes: straight through the socket, or through a TLS
/// session bound to it. The two read and two write call sites (server and client
/// connections) go through here; the plain case is the socket call itself.
enum ConnectionStream {
    case plain
    case tls(TLSSession)

    @inline(__always)
    func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int) -> IOResult {
        switch self {
        case .plain: Socket.read(fd, into: buffer, count: count)
        case .tls(let session): session.read(into: buffer, count: count)
        }
    }

    @inline(__always)
    func write(_ fd: Int32, from buffer: UnsafeRawPointer, count: Int) -> IOResult {
        switch self {
        case .plain: Socket.write(fd, from: buffer, count: count)
        case .tls(let session): session.write(from: buffer, count: count)
        }
    }

    var isTLS: Bool {
        if case .tls = self { return true }
        return false
    }

    /// The last read would block until the socket is writable (TLS handshake).
    var readWaitsForWritable: Bool {
        if case .tls(let session) = self { return session.readWaitsForWritable }
        return false
    }

    /// The last write would block until the socket is readable (TLS handshake).
    var writeWaitsForReadable: Bool {
        if case .tls(let session) = self { return session.writeWaitsForReadable }
        return false
    }

    /// Input already read from the socket and not yet returned by `read`.
    var hasBufferedInput: Bool {
        if case .tls(let session) = self { return session.hasBufferedInput }
        return false
    }

    /// Plain, or TLS with its handshake done.
    var isEstablished: Bool {
        if case .tls(let session) = self { return session.isHandshakeComplete }
        return true
    }

    /// Why TLS failed, once it has.
    var failureReason: String? {
        if case .tls(let session) = self { return session.failureReason }
        return nil
    }

    /// The verified name in the peer's certificate (TLS with a client certificate).
    var verifiedPeerName: String? {
        if case .tls(let session) = self { return session.verifiedPeerName }
        return nil
    }

    /// Ends TLS (close_notify) before the caller closes the socket.
    func close() {
        if case .tls(let session) = self { session.close() }
    }
}
