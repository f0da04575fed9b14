import Glibc

/// A fixed set of event loops, one per core by default, handed out round-robin.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]
    private let nextIndex = Lock(0)

    init(name: String, count: Int) throws(SystemError) {
        var loops: [EventLoop] = []
        for index in 0..<Swift.max(1, count) {
            do {
                loops.append(try EventLoop.start(name: "\(name)-\(index)"))
            } catch {
                for loop in loops { loop.stop() }
                throw error
            }
        }
        self.loops = loops
    }

    func next() -> EventLoop {
        let index = nextIndex.withLock { index -> Int in
            defer { index = (index + 1) % loops.count }
            return index
        }
        return loops[index]
    }

    func stop() {
        for loop in loops { loop.stop() }
    }

    /// The client side's loops, shared by every channel of the process so that a
    /// service calling five peers does not start five sets of threads. They live as
    /// long as the process.
    static let sharedClientGroup: EventLoopGroup? = try? EventLoopGroup(
        name: "rpc-client", count: Swift.min(2, System.coreCount))
}

enum System {
    static var coreCount: Int { Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
