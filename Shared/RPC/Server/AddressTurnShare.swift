/// The frames one client address may have handled in one turn of an event loop, all
/// its connections on that loop together. A connection already steps aside after its
/// own `framesPerTurn`; without this, an address with fifty connections pipelining
/// cheap calls would still get fifty turns to another client's one, and that client's
/// call would wait behind thousands of them (issue 10: fifty non-reading connections
/// pipelining Health). Trusted addresses (the gateway, which carries every member's
/// calls) have no share and are limited per connection only.
///
/// Owned by a `ServerLoop` and touched only on its loop's thread.
final class AddressTurnShare {
    /// A connection's own budget: an address alone on one connection is served as before.
    static let framesPerTurn = ServerConnection.framesPerTurn

    let host: String
    /// This server's connections from the address on the loop; the share is dropped
    /// with the last one.
    var connections = 0
    private var turn: UInt64 = .max
    private var frames = 0

    init(host: String) {
        self.host = host
    }

    /// Counts one frame handled in `turn`; false once the address has had its share of
    /// that turn, and its connection should step aside until the next.
    func take(in turn: UInt64) -> Bool {
        if self.turn != turn {
            self.turn = turn
            frames = 0
        }
        frames += 1
        return frames < AddressTurnShare.framesPerTurn
    }
}
