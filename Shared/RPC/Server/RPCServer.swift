import Dispatch
import RPCContracts
import Synchronization

/// Why a server could not start: the address could not be bound, or no threads.
public struct RPCServerError: Error, CustomStringConvertible {
    public let description: String
}

/// An RPC server: serves the given services on one event loop per core.
///
/// States go one way: not started → running (`start`) → stopping
/// (`shutdownGracefully`, `shutdownNow`, or a signal after `installSignalHandlers`) →
/// stopped. `run()` returns only once stopped, after draining.
///
/// ```swift
/// let server = RPCServer(configuration: ServerConfiguration(port: 7102),
///                        services: [OrgHandlers(store: store)], interceptors: [auth, metrics])
/// let signals = server.installSignalHandlers()
/// try await server.run()
/// ```
public final class RPCServer: Sendable {
    public enum State: Sendable, Equatable {
        case notStarted, running, stopping, stopped
    }

    private struct Shared {
        var state = State.notStarted
        var port = 0
        var connections = 0
        /// `shutdownNow`: stop without waiting for handlers to return.
        var immediate = false
        var group: EventLoopGroup?
        var homes: [ServerLoop] = []
        var acceptor: Acceptor?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    public let configuration: ServerConfiguration
    let dispatcher: CallDispatcher
    /// Told about calls refused before dispatch (see `RefusedCallObserver`).
    let refusedCallObserver: (any RefusedCallObserver)?
    /// Told about connections refused for TLS (see `TLSFailureObserver`).
    let tlsFailureObserver: (any TLSFailureObserver)?
    /// What new connections' TLS sessions are made from (nil: plain TCP); replaced by
    /// `reloadTLS()`, while connections already open keep the context they began with.
    private let tlsContext = Lock<TLSContext?>(nil)
    /// Unwritten response bytes across all connections (`maxBufferedOutput`).
    let bufferedOutput = BufferedOutputTotal()
    private let health = HealthStatus()
    private let shared = Lock(Shared())
    /// Handlers running, server-wide. Outside `shared` so that starting and finishing
    /// a call, on every loop for every call, takes no lock.
    private let activeCalls = Atomic<Int>(0)
    /// Whether `shared.state` has left `.running`: set under the lock, read lock-free
    /// by a finishing call to learn whether it may be the one a drain waits for.
    /// Sequentially consistent with `activeCalls`: a call that leaves the count at
    /// zero and then reads `false` here happened before the store, so the shutdown's
    /// own `finishIfDrained` (which runs after the store) sees the zero.
    private let stopping = Atomic<Bool>(false)

    /// A server for `services` (Health/Check is added), with `interceptors` around
    /// every handler, the first outermost; `refusedCallObserver` hears of the calls the
    /// runtime refuses before they reach them; `tlsFailureObserver` of the connections
    /// refused for TLS.
    public init(configuration: ServerConfiguration = ServerConfiguration(), services: [any RPCService],
                interceptors: [any ServerInterceptor] = [],
                refusedCallObserver: (any RefusedCallObserver)? = nil,
                tlsFailureObserver: (any TLSFailureObserver)? = nil) {
        self.configuration = configuration
        self.refusedCallObserver = refusedCallObserver
        self.tlsFailureObserver = tlsFailureObserver
        let names = Set(services.map(\.serviceName)).union([HealthService.serviceName])
        let health = HealthService(knownServices: names, status: self.health)
        dispatcher = CallDispatcher(services: services + [health], interceptors: interceptors)
    }

    public var state: State { shared.withLock { $0.state } }

    /// The port the server listens on, once started (useful when configured with 0).
    public var port: Int { shared.withLock { $0.port } }

    /// Binds the address and starts the event loops; returns once calls are accepted.
    public func start() throws(RPCServerError) {
        guard shared.withLock({ $0.state }) == .notStarted else {
            throw RPCServerError(description: "the server was already started")
        }
        if configuration.tls != nil { try reloadTLS() }
        let group: EventLoopGroup
        let listener: (fd: Int32, address: SocketAddress)
        do {
            group = try EventLoopGroup(name: "rpc-server", count: configuration.eventLoopCount)
        } catch {
            throw RPCServerError(description: "cannot start event loops: \(error)")
        }
        do {
            listener = try Socket.listen(host: configuration.host, port: configuration.port,
                                         backlog: configuration.listenBacklog)
        } catch {
            group.stop()
            throw RPCServerError(description: "cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        let homes = group.loops.map { ServerLoop(loop: $0, server: self) }
        let acceptor = Acceptor(fd: listener.fd, loop: group.loops[0], homes: homes, server: self)
        let registered = Lock<SystemError?>(nil)
        let done = DispatchSemaphore(value: 0)
        group.loops[0].execute {
            do throws(SystemError) { try acceptor.start() } catch { registered.withLock { $0 = error } }
            done.signal()
        }
        done.wait()
        if let error = registered.withLock({ $0 }) {
            Socket.close(listener.fd)
            group.stop()
            throw RPCServerError(description: "cannot watch the listening socket: \(error)")
        }
        shared.withLock {
            $0.state = .running
            $0.port = listener.address.port
            $0.group = group
            $0.homes = homes
            $0.acceptor = acceptor
        }
    }

    /// Reads the TLS configuration's files again (a renewed certificate and key):
    /// connections accepted from now on use them; those already open continue with
    /// the ones they began with. On error the files in use stay in use.
    public func reloadTLS() throws(RPCServerError) {
        guard let tls = configuration.tls else { return }
        do {
            let context = try TLSContext(tls, role: .server)
            tlsContext.withLock { $0 = context }
        } catch {
            throw RPCServerError(description: "TLS: \(error)")
        }
    }

    /// The TLS context for a connection accepted now (nil: plain TCP).
    var currentTLSContext: TLSContext? { tlsContext.withLock { $0 } }

    /// Starts the server if needed and returns once it has stopped and drained.
    public func run() async throws(RPCServerError) {
        if state == .notStarted { try start() }
        await waitUntilStopped()
    }

    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = shared.withLock { shared -> Bool in
                if shared.state == .stopped { return true }
                shared.waiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }

    /// Begins a graceful shutdown: Health/Check turns NOT_SERVING, the listener
    /// closes, every connection gets a GOAWAY with its last accepted call id, new
    /// calls get UNAVAILABLE, and calls in flight get `gracePeriod` (default: the
    /// configuration's) to finish before they are cancelled and connections close.
    /// Returns at once; `run()` / `waitUntilStopped()` return when it is done.
    public func shutdownGracefully(gracePeriod: Duration? = nil) {
        let started = shared.withLock { shared -> (homes: [ServerLoop], acceptor: Acceptor?)? in
            switch shared.state {
            case .notStarted:
                shared.state = .stopped
                return nil
            case .running:
                shared.state = .stopping
                stopping.store(true, ordering: .sequentiallyConsistent)
                return (shared.homes, shared.acceptor)
            case .stopping, .stopped:
                return nil
            }
        }
        guard let started, let first = started.homes.first else {
            finishIfDrained()
            return
        }
        health.isServing = false
        if let acceptor = started.acceptor { first.loop.execute { acceptor.close() } }
        for home in started.homes { home.loop.execute { home.beginDrain() } }
        let grace = (gracePeriod ?? configuration.shutdownGracePeriod).saturatingNanoseconds
        first.loop.execute {
            first.loop.schedule(after: grace) {
                for home in started.homes { home.loop.execute { home.closeAll() } }
            }
        }
        finishIfDrained()
    }

    /// Stops at once: closes every connection, cancels every handler and does not
    /// wait for them to return (what a second SIGTERM does).
    public func shutdownNow() {
        let running = shared.withLock { shared -> (homes: [ServerLoop], acceptor: Acceptor?)? in
            switch shared.state {
            case .notStarted:
                shared.state = .stopped
                return nil
            case .running, .stopping:
                shared.state = .stopping
                stopping.store(true, ordering: .sequentiallyConsistent)
                shared.immediate = true
                return (shared.homes, shared.acceptor)
            case .stopped:
                return nil
            }
        }
        guard let running, let first = running.homes.first else {
            finishIfDrained()
            return
        }
        health.isServing = false
        if let acceptor = running.acceptor { first.loop.execute { acceptor.close() } }
        for home in running.homes { home.loop.execute { home.closeAll() } }
        finishIfDrained()
    }

    // MARK: - Counters (any loop thread)

    var isStopping: Bool { shared.withLock { $0.state != .running } }

    /// Counts a new connection, or refuses it when full or shutting down.
    func tryAcceptConnection() -> Bool {
        shared.withLock { shared in
            guard shared.state == .running, shared.connections < configuration.maxConnections else { return false }
            shared.connections += 1
            return true
        }
    }

    func connectionClosed() {
        let stopping = shared.withLock { shared -> Bool in
            shared.connections -= 1
            return shared.state == .stopping
        }
        if stopping { finishIfDrained() }
    }

    /// Takes a slot under the server-wide call limit, without a lock: the count never
    /// goes past the limit, since a slot is taken only by replacing the value checked.
    func tryStartCall() -> Bool {
        var current = activeCalls.load(ordering: .relaxed)
        while current < configuration.maxConcurrentCalls {
            let (exchanged, original) = activeCalls.compareExchange(
                expected: current, desired: current + 1, ordering: .sequentiallyConsistent)
            if exchanged { return true }
            current = original
        }
        return false
    }

    func callFinished() {
        let remaining = activeCalls.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue
        if remaining == 0 && stopping.load(ordering: .sequentiallyConsistent) { finishIfDrained() }
    }

    /// Completes a shutdown once no connection is left and no handler runs.
    private func finishIfDrained() {
        let finished = shared.withLock { shared -> (EventLoopGroup?, [CheckedContinuation<Void, Never>])? in
            switch shared.state {
            case .stopped:
                let waiters = shared.waiters
                shared.waiters = []
                return (nil, waiters)
            case .stopping where shared.connections == 0
                && (activeCalls.load(ordering: .sequentiallyConsistent) == 0 || shared.immediate):
                shared.state = .stopped
                let waiters = shared.waiters
                shared.waiters = []
                let group = shared.group
                shared.group = nil
                shared.homes = []
                shared.acceptor = nil
                return (group, waiters)
            default:
                return nil
            }
        }
        guard let (group, waiters) = finished else { return }
        group?.stop()
        for waiter in waiters { waiter.resume() }
    }
}
