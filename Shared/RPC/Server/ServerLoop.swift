/// A server's share of one event loop: the connections living on it and the periodic
/// sweep that enforces their timeouts.
final class ServerLoop: @unchecked Sendable {
    // Safety (@unchecked Sendable): `connections` and `sweepTimer` are touched only on
    // `loop`'s thread; other threads reach this object through `loop.execute`.
    let loop: EventLoop
    private unowned let server: RPCServer
    private var connections: [ObjectIdentifier: ServerConnection] = [:]
    /// The turn shares of the untrusted addresses with connections on this loop.
    private var shares: [String: AddressTurnShare] = [:]
    private var sweepTimer: ClosureTimer?
    /// Numbers left for the request ids of calls that arrive without one.
    private var requestNumbers: Range<UInt64> = 0..<0

    init(loop: EventLoop, server: RPCServer) {
        self.loop = loop
        self.server = server
    }

    /// Takes over an accepted socket (on the loop thread).
    func adopt(fd: Int32, peer: String, slot: AddressSlot) {
        var stream = ConnectionStream.plain
        if let tls = server.currentTLSContext {
            do throws(TLSError) {
                stream = .tls(try tls.makeSession(fd: fd))
            } catch {
                server.tlsFailureObserver?.tlsHandshakeFailed(peer: peer, reason: error.description)
                discard(fd: fd, slot: slot)
                return
            }
        }
        let connection = ServerConnection(fd: fd, peer: peer, stream: stream, slot: slot, share: share(for: slot),
                                          loop: loop, home: self, server: server)
        do {
            try connection.start()
        } catch {
            stream.close()
            discard(fd: fd, slot: slot)
            return
        }
        connections[ObjectIdentifier(connection)] = connection
        if server.isStopping { connection.beginDrain() }
        if sweepTimer == nil { scheduleSweep() }
    }

    /// Gives up a connection that never started: its socket, its address slot, its count.
    private func discard(fd: Int32, slot: AddressSlot) {
        Socket.close(fd)
        slot.release()
        server.connectionClosed()
    }

    /// A request id number for a call on this loop. Taken from the process-wide counter
    /// a block at a time: one lock per 4096 calls rather than one per call.
    func nextRequestNumber() -> UInt64 {
        if requestNumbers.isEmpty { requestNumbers = RequestID.reserve(4096) }
        return requestNumbers.removeFirst()
    }

    /// The turn share of the slot's address on this loop (nil for a trusted one); the
    /// connection it is for counts in it until `connectionClosed`.
    private func share(for slot: AddressSlot) -> AddressTurnShare? {
        guard !slot.isTrusted else { return nil }
        let share = shares[slot.host] ?? AddressTurnShare(host: slot.host)
        shares[slot.host] = share
        share.connections += 1
        return share
    }

    func connectionClosed(_ connection: ServerConnection) {
        connections[ObjectIdentifier(connection)] = nil
        if let share = connection.share {
            share.connections -= 1
            if share.connections == 0 { shares[share.host] = nil }
        }
    }

    func beginDrain() {
        for connection in connections.values { connection.beginDrain() }
    }

    func closeAll() {
        for connection in Array(connections.values) { connection.close() }
    }

    private func scheduleSweep() {
        sweepTimer = loop.schedule(after: server.configuration.sweepInterval) { [self] in
            sweepTimer = nil
            let now = MonotonicClock.now()
            for connection in Array(connections.values) { connection.sweep(now: now) }
            if !connections.isEmpty { scheduleSweep() }
        }
    }
}
