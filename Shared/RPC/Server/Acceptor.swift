import CEpoll
import Glibc
import RPCContracts

/// The listening socket, on the server's first loop: accepts connections and hands
/// each to the next loop, or turns it away when the server is full.
final class Acceptor: EventHandler, @unchecked Sendable {
    // Safety (@unchecked Sendable): `registration`, `fd` and `nextHome` are touched only on
    // `loop`'s thread; other threads call `close` through `loop.execute`.
    private var fd: Int32
    private let loop: EventLoop
    private unowned let server: RPCServer
    /// Where accepted connections go, in turn.
    private let homes: [ServerLoop]
    private var nextHome = 0
    private var registration: EventLoop.RegistrationID?
    private let addresses: ConnectionsPerAddress

    init(fd: Int32, loop: EventLoop, homes: [ServerLoop], server: RPCServer) {
        self.fd = fd
        self.loop = loop
        self.homes = homes
        self.server = server
        addresses = ConnectionsPerAddress(limit: server.configuration.maxConnectionsPerAddress,
                                          trusted: server.configuration.trustedAddresses)
    }

    func start() throws(SystemError) {
        registration = try loop.register(fd: fd, events: EPOLLIN.rawValue, handler: self)
    }

    func handleEvents(_ events: UInt32) {
        // Bounded, so a connection storm does not starve the loop's other sockets.
        for _ in 0..<64 {
            guard fd >= 0 else { return }
            switch Socket.accept(listener: fd) {
            case .accepted(let connection, let peer):
                guard let slot = addresses.tryAdmit(peer.host) else {
                    turnAway(connection, "too many connections from \(peer.host)")
                    continue
                }
                guard server.tryAcceptConnection() else {
                    slot.release()
                    turnAway(connection, "the server has too many connections")
                    continue
                }
                if !slot.isTrusted { Socket.setSendBufferSize(connection, server.configuration.untrustedSendBufferSize) }
                let home = homes[nextHome]
                nextHome = (nextHome + 1) % homes.count
                let description = peer.description
                home.loop.executeOrRun { home.adopt(fd: connection, peer: description, slot: slot) }
            case .wouldBlock:
                return
            case .failed(let error) where error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM:
                // Out of descriptors: the pending connection stays in the backlog and
                // level-triggered epoll would report it again at once, so stop
                // watching for a moment instead of spinning.
                pause()
                return
            case .failed:
                continue  // The connection died in the backlog (ECONNABORTED and kin).
            }
        }
    }

    /// Tells a connection over a limit why in a GOAWAY (plain TCP), then closes it. One small
    /// write into a fresh socket's empty buffer; if it does not fit, the close alone
    /// still tells the client.
    private func turnAway(_ connection: Int32, _ reason: String) {
        // A TLS client would read a plaintext frame as a broken handshake; the close
        // alone tells it.
        guard server.configuration.tls == nil else {
            Socket.close(connection)
            return
        }
        var frame = Frame()
        frame.kind = .goaway
        frame.status = RPCError(.resourceExhausted, reason).status
        let buffer = ByteBuffer()
        buffer.appendFrame(frame)
        let bytes = buffer.readableBytes
        if let base = bytes.baseAddress { _ = Socket.write(connection, from: base, count: bytes.count) }
        Socket.close(connection)
    }

    private func pause() {
        guard let registration else { return }
        loop.modify(fd: fd, id: registration, events: 0)
        loop.schedule(after: 100_000_000) { [self] in
            if fd >= 0 { loop.modify(fd: fd, id: registration, events: EPOLLIN.rawValue) }
        }
    }

    func close() {
        guard fd >= 0 else { return }
        if let registration { loop.deregister(fd: fd, id: registration) }
        Socket.close(fd)
        fd = -1
    }
}
