/// Counts the connections each client address holds, so that one address cannot take
/// every slot under `maxConnections` and lock everyone else out (Health probes
/// included). Addresses on the trusted list (the gateway, which carries every user's
/// calls) are not counted.
///
/// Connections are admitted on the acceptor's loop and end on any loop, hence the lock.
final class ConnectionsPerAddress: Sendable {
    private let limit: Int
    private let trusted: Set<String>
    private let counts = Lock([String: Int]())

    init(limit: Int, trusted: Set<String>) {
        self.limit = limit
        self.trusted = trusted
    }

    /// A slot for one more connection from `host`, or nil when it already holds `limit`.
    func tryAdmit(_ host: String) -> AddressSlot? {
        if trusted.contains(host) { return AddressSlot(host: host, counter: nil) }
        let admitted = counts.withLock { counts -> Bool in
            let held = counts[host, default: 0]
            guard held < limit else { return false }
            counts[host] = held + 1
            return true
        }
        return admitted ? AddressSlot(host: host, counter: self) : nil
    }

    fileprivate func release(_ host: String) {
        counts.withLock { counts in
            let held = counts[host, default: 1] - 1
            // Removed at zero, so addresses that come and go do not accumulate.
            counts[host] = held > 0 ? held : nil
        }
    }
}

/// One admitted connection's place in its address's count; released once, when the
/// connection ends.
struct AddressSlot: Sendable {
    let host: String
    /// Nil for a trusted address, which is not counted.
    fileprivate let counter: ConnectionsPerAddress?

    /// On the trusted list: not counted, and not limited as an address.
    var isTrusted: Bool { counter == nil }

    func release() {
        counter?.release(host)
    }
}
