import Synchronization

/// The bytes of unwritten responses held by all of a server's connections, so that
/// clients that do not read cannot together make the process buffer without bound:
/// above `maxBufferedOutput`, connections over their high-water mark are closed.
///
/// Each connection adds what it appends and subtracts what it writes or drops; the
/// total is an atomic because connections live on different loops.
final class BufferedOutputTotal: Sendable {
    private let bytes = Atomic<Int>(0)

    var current: Int { bytes.load(ordering: .relaxed) }

    func add(_ delta: Int) {
        bytes.wrappingAdd(delta, ordering: .relaxed)
    }
}
