import CEpoll
import Dispatch
import Glibc
import RPCContracts

/// One TCP connection of a channel to one address, carrying many calls at once.
///
/// It connects lazily on the first call, reconnects after a failure with backoff, and
/// lives on one event loop thread: callers hand calls over with `perform`, which hops
/// to the loop, and are resumed from it.
final class ClientConnection: EventHandler, OutputFlusher, @unchecked Sendable {
    // Safety (@unchecked Sendable): every `var` is touched only on `loop`'s thread,
    // except `usable`, which has its own lock; callers reach the rest only through
    // `loop.execute`.
    private enum State {
        case idle
        case resolving
        case connecting(fd: Int32, registration: EventLoop.RegistrationID, remaining: [SocketAddress])
        case ready(fd: Int32, registration: EventLoop.RegistrationID)
        /// Failed to connect; calls fail fast until `until`.
        case backingOff(until: UInt64)
        case shutdown
    }

    let address: HostPort
    let loop: EventLoop
    private let configuration: ChannelConfiguration
    /// The channel's TLS context (nil: plain TCP), or why it could not be made.
    private let tls: Result<TLSContext, TLSError>?
    /// Whether a new call is likely to get through here, for the channel's picker.
    private let usable = Lock(true)

    private var state = State.idle
    private var waiting: [ClientCall] = []
    private var inFlight: [UInt64: ClientCall] = [:]
    private var nextCallID: UInt64 = 1
    /// The server sent GOAWAY: calls above this id were not accepted; no new ones go here.
    private var goAwayLastCallID: UInt64?
    private var goAwayStatus: Status?
    private var connectFailures = 0
    private var reader: FrameReader
    private let output = ByteBuffer()
    private var flushRequested = false
    private var watchingWritable = false
    private var lastReadAt: UInt64 = 0
    private var pingSentAt: UInt64?
    private var keepaliveTimer: ClosureTimer?
    /// The socket of the connection that is ready, or TLS over it.
    private var stream = ConnectionStream.plain
    /// The epoll interest last set on the ready socket.
    private var interest: UInt32 = 0
    /// Why the last connect failed, for the calls that fail fast while backing off.
    private var lastFailure = ""
    /// Something has arrived from the server on this connection.
    private var heardFromServer = false

    init(address: HostPort, loop: EventLoop, configuration: ChannelConfiguration, tls: Result<TLSContext, TLSError>?) {
        self.address = address
        self.loop = loop
        self.configuration = configuration
        self.tls = tls
        reader = FrameReader(maxFrameSize: configuration.maxFrameSize)
    }

    var isUsable: Bool { usable.withLock { $0 } }

    private func setUsable(_ value: Bool) {
        usable.withLock { $0 = value }
    }

    // MARK: - Calls (from any thread)

    func perform(_ request: OutgoingCall) async -> AttemptResult {
        let call = ClientCall(request: request, connection: self)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<AttemptResult, Never>) in
                loop.execute { [self] in start(call, continuation) }
            }
        } onCancel: {
            loop.execute { [self] in cancel(call) }
        }
    }

    func shutdown() {
        loop.execute { [self] in
            let error = RPCError(.unavailable, "the channel was closed")
            closeSocket(failingWith: error)
            state = .shutdown
            setUsable(false)
            for call in waiting { finish(call, .failed(error, neverStarted: true)) }
            waiting.removeAll()
        }
    }

    // MARK: - Calls (loop thread)

    private func start(_ call: ClientCall, _ continuation: CheckedContinuation<AttemptResult, Never>) {
        call.attach(continuation)
        if call.cancelledEarly {
            call.finish(.failed(RPCError(.cancelled, "the call was cancelled"), neverStarted: true))
            return
        }
        if call.request.deadline.hasPassed {
            call.finish(.failed(RPCError(.deadlineExceeded, "the call's deadline passed"), neverStarted: true))
            return
        }
        loop.schedule(call, at: call.request.deadline.uptimeNanoseconds)
        if goAwayLastCallID != nil {
            finish(call, .failed(RPCError(.unavailable, "\(address) is going away"), neverStarted: true))
            return
        }
        switch state {
        case .ready:
            send(call)
        case .idle:
            call.phase = .waitingForConnection
            waiting.append(call)
            connect()
        case .resolving, .connecting:
            call.phase = .waitingForConnection
            waiting.append(call)
        case .backingOff(let until):
            if MonotonicClock.now() >= until {
                state = .idle
                call.phase = .waitingForConnection
                waiting.append(call)
                connect()
            } else {
                finish(call, .failed(RPCError(.unavailable, "\(address) is unreachable (\(lastFailure)); reconnecting"),
                                     neverStarted: true))
            }
        case .shutdown:
            finish(call, .failed(RPCError(.unavailable, "the channel was closed"), neverStarted: true))
        }
    }

    private func send(_ call: ClientCall) {
        call.phase = .sent
        call.id = nextCallID
        nextCallID += 1
        inFlight[call.id] = call
        var frame = Frame()
        frame.callID = call.id
        frame.kind = .request
        frame.method = call.request.path
        frame.metadata = call.request.metadata
        frame.timeoutMS = call.request.deadline.remainingMillisecondsForWire
        frame.payload = call.request.payload
        enqueue(frame)
        if inFlight.count == 1 { scheduleKeepalive() }
    }

    private func cancel(_ call: ClientCall) {
        switch call.phase {
        case .created:
            call.cancelledEarly = true
        case .waitingForConnection, .sent:
            finish(call, .failed(RPCError(.cancelled, "the call was cancelled"), neverStarted: call.phase != .sent))
        case .finished:
            break
        }
    }

    func deadlinePassed(_ call: ClientCall) {
        guard call.phase != .finished else { return }
        finish(call, .failed(RPCError(.deadlineExceeded, "the call's deadline passed"), neverStarted: call.phase != .sent))
    }

    /// Ends an attempt: tells the server when it was sent, forgets it, resumes the caller.
    private func finish(_ call: ClientCall, _ result: AttemptResult) {
        loop.cancel(call)
        switch call.phase {
        case .sent:
            if inFlight.removeValue(forKey: call.id) != nil, case .failed(let error, _) = result,
               error.code == .cancelled || error.code == .deadlineExceeded, case .ready = state {
                var frame = Frame()
                frame.callID = call.id
                frame.kind = .cancel
                // Why, so the server counts the call as its caller saw it.
                if error.code == .deadlineExceeded { frame.status = error.status }
                enqueue(frame)
            }
        case .waitingForConnection:
            waiting.removeAll { $0 === call }
        case .created, .finished:
            break
        }
        call.finish(result)
    }

    // MARK: - Connecting

    private func connect() {
        if case .failure(let error) = tls {
            connectFailed("TLS: \(error)")
            return
        }
        state = .resolving
        let address = self.address
        // getaddrinfo may block on DNS, so it runs off the loop.
        DispatchQueue.global().async { [self] in
            let result = Result { () throws(SystemError) in
                try SocketAddress.resolve(host: address.host, port: address.port)
            }
            loop.execute { [self] in
                guard case .resolving = state else { return }
                switch result {
                case .success(let addresses): attemptConnect(addresses[...])
                case .failure(let error): connectFailed("\(error)")
                }
            }
        }
    }

    private func attemptConnect(_ addresses: ArraySlice<SocketAddress>) {
        var remaining = addresses
        var lastError = "no address for \(address.host)"
        while let next = remaining.popFirst() {
            do throws(SystemError) {
                let (fd, _) = try Socket.connect(to: next)
                do throws(SystemError) {
                    let registration = try loop.register(fd: fd, events: EPOLLOUT.rawValue, handler: self)
                    state = .connecting(fd: fd, registration: registration, remaining: Array(remaining))
                    return
                } catch {
                    Socket.close(fd)
                    throw error
                }
            } catch {
                lastError = "\(error)"
            }
        }
        connectFailed(lastError)
    }

    private func connectCompleted(fd: Int32, registration: EventLoop.RegistrationID, remaining: [SocketAddress]) {
        let error = Socket.pendingError(fd)
        guard error == 0 else {
            loop.deregister(fd: fd, id: registration)
            Socket.close(fd)
            if remaining.isEmpty {
                connectFailed("\(SystemError(operation: "connect to \(address)", errno: error))")
            } else {
                attemptConnect(remaining[...])
            }
            return
        }
        if case .success(let context) = tls {
            do throws(TLSError) {
                stream = .tls(try context.makeSession(fd: fd))
            } catch {
                loop.deregister(fd: fd, id: registration)
                Socket.close(fd)
                connectFailed("\(error)")
                return
            }
        }
        state = .ready(fd: fd, registration: registration)
        heardFromServer = false
        connectFailures = 0
        goAwayLastCallID = nil
        goAwayStatus = nil
        lastReadAt = MonotonicClock.now()
        setUsable(true)
        watchingWritable = false
        interest = EPOLLOUT.rawValue
        updateInterest(fd: fd, registration: registration)
        let calls = waiting
        waiting.removeAll()
        for call in calls { send(call) }
    }

    private func connectFailed(_ reason: String) {
        backOff(reason)
        let error = RPCError(.unavailable, "cannot connect to \(address): \(reason)")
        let calls = waiting
        waiting.removeAll()
        for call in calls { finish(call, .failed(error, neverStarted: true)) }
    }

    /// Calls fail fast, naming `reason`, until the backoff delay has passed.
    private func backOff(_ reason: String) {
        lastFailure = reason
        connectFailures += 1
        let delay = configuration.backoff.delay(afterFailures: connectFailures)
        state = .backingOff(until: MonotonicClock.now() &+ delay)
        setUsable(false)
        loop.schedule(after: delay) { [self] in
            if case .backingOff = state { setUsable(true) }
        }
    }

    /// The server's certificate was refused here, or this side's there: the calls
    /// sent never reached a handler, and reconnecting at once would fail the same way.
    private func tlsHandshakeFailed(_ reason: String) {
        let description = "TLS handshake with \(address) failed: \(reason)"
        closeSocket(failingWith: RPCError(.unavailable, description), neverStarted: true)
        backOff(description)
    }

    // MARK: - I/O

    func handleEvents(_ events: UInt32) {
        switch state {
        case .connecting(let fd, let registration, let remaining):
            connectCompleted(fd: fd, registration: registration, remaining: remaining)
        case .ready:
            if events & EPOLLOUT.rawValue != 0 {
                flushOutput()
                // TLS: a read waited to send a handshake message.
                if stream.readWaitsForWritable { readAvailable() }
            }
            if events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
                readAvailable()
                // TLS: a write waited to receive a handshake message.
                if stream.writeWaitsForReadable { flushOutput() }
            }
        default:
            break
        }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        for _ in 0..<4 {
            guard case .ready(let fd, let registration) = state, let base = buffer.baseAddress else { return }
            switch stream.read(fd, into: base, count: buffer.count) {
            case .transferred(let count):
                heardFromServer = true
                lastReadAt = MonotonicClock.now()
                pingSentAt = nil
                do {
                    try reader.consume(UnsafeRawBufferPointer(start: base, count: count), now: lastReadAt) { frame in
                        handleFrame(frame) ? .more : .stop
                    }
                } catch {
                    closeSocket(failingWith: RPCError(.resourceExhausted, "a response from \(address) exceeds the frame size limit"))
                    return
                }
                if count < buffer.count && !stream.hasBufferedInput { return }
            case .wouldBlock:
                if stream.isTLS { updateInterest(fd: fd, registration: registration) }
                return
            case .endOfFile, .failed:
                connectionEnded()
                return
            }
        }
    }

    /// The socket failed or the server closed it: during the TLS handshake, the
    /// handshake failed; after it, the connection was lost. Under TLS 1.3 a client
    /// finishes its side before the server has checked its certificate, so an alert
    /// from a server never heard from is the server refusing the handshake too: no
    /// call reached a handler.
    private func connectionEnded() {
        let reason = stream.failureReason
        if !stream.isEstablished || (!heardFromServer && reason?.contains("alert") == true) {
            tlsHandshakeFailed(reason ?? "the server closed the connection")
        } else if let reason {
            closeSocket(failingWith: RPCError(.unavailable, "the connection to \(address) was lost: TLS: \(reason)"))
        } else if stream.isTLS && !heardFromServer {
            // A server refusing this client's certificate may reset the connection before
            // its alert is read; the calls may also have started, so they are not retried.
            closeSocket(failingWith: RPCError(.unavailable, "the connection to \(address) was lost before any answer "
                + "(a server refusing this client's TLS certificate looks like this: see its log)"))
        } else {
            closeSocket(failingWith: RPCError(.unavailable, "the connection to \(address) was lost"))
        }
    }

    private func handleFrame(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let frame: Frame
        do {
            frame = try Frame(wireEncoded: bytes)
        } catch {
            closeSocket(failingWith: RPCError(.internal, "malformed frame from \(address): \(error)"))
            return false
        }
        switch frame.kind {
        case .response:
            guard let call = inFlight[frame.callID] else { return true }  // Already timed out or cancelled.
            if let status = frame.status, status.code != .ok {
                finish(call, .failed(RPCError(status: status), neverStarted: false))
            } else {
                finish(call, .response(frame.payload))
            }
        case .ping:
            var pong = Frame()
            pong.callID = frame.callID
            pong.kind = .pong
            enqueue(pong)
        case .goaway:
            receivedGoAway(frame)
        default:
            break  // PONG: the read itself proved liveness.
        }
        if case .ready = state { return true }
        return false
    }

    /// Calls above the GOAWAY's last id were never started: they fail with its status
    /// (UNAVAILABLE for a shutdown), marked safe to retry elsewhere.
    private func receivedGoAway(_ frame: Frame) {
        goAwayLastCallID = frame.lastCallID
        goAwayStatus = frame.status
        setUsable(false)
        let error = goAwayError()
        for (id, call) in inFlight where id > frame.lastCallID {
            finish(call, .failed(error, neverStarted: true))
        }
    }

    private func goAwayError() -> RPCError {
        if let status = goAwayStatus, status.code != .ok { return RPCError(status: status) }
        return RPCError(.unavailable, "\(address) is going away")
    }

    private func enqueue(_ frame: Frame) {
        output.appendFrame(frame)
        if !flushRequested {
            flushRequested = true
            loop.requestFlush(self)
        }
    }

    func flushOutput() {
        flushRequested = false
        guard case .ready(let fd, let registration) = state else {
            output.consume(output.readableCount)
            return
        }
        while !output.isEmpty {
            let bytes = output.readableBytes
            guard let base = bytes.baseAddress else { break }
            switch stream.write(fd, from: base, count: bytes.count) {
            case .transferred(let count):
                output.consume(count)
            case .wouldBlock, .endOfFile:
                // TLS may need to read before it can write: readability is always watched.
                let wantsWritable = !stream.writeWaitsForReadable
                if watchingWritable != wantsWritable {
                    watchingWritable = wantsWritable
                    updateInterest(fd: fd, registration: registration)
                }
                return
            case .failed:
                connectionEnded()
                return
            }
        }
        output.releaseIfEmpty(above: 256 * 1024)
        if watchingWritable {
            watchingWritable = false
            updateInterest(fd: fd, registration: registration)
        }
    }

    /// Readability always; writability while output waits or TLS's read needs it.
    private func updateInterest(fd: Int32, registration: EventLoop.RegistrationID) {
        var events = EPOLLIN.rawValue
        if watchingWritable || stream.readWaitsForWritable { events |= EPOLLOUT.rawValue }
        guard events != interest else { return }
        interest = events
        loop.modify(fd: fd, id: registration, events: events)
    }

    /// Drops the socket and fails its calls: those the server never accepted (or, with
    /// `neverStarted`, all) as safe to retry anywhere, the others as possibly started.
    /// The next call reconnects.
    private func closeSocket(failingWith error: RPCError, neverStarted: Bool = false) {
        switch state {
        case .ready(let fd, let registration), .connecting(let fd, let registration, _):
            loop.deregister(fd: fd, id: registration)
            stream.close()
            stream = .plain
            Socket.close(fd)
        default:
            return
        }
        state = .idle
        setUsable(true)
        output.consume(output.readableCount)
        reader = FrameReader(maxFrameSize: configuration.maxFrameSize)
        pingSentAt = nil
        if let keepaliveTimer { loop.cancel(keepaliveTimer) }
        keepaliveTimer = nil
        let lastAccepted = goAwayLastCallID ?? .max
        let goingAway = goAwayError()
        let calls = inFlight
        for (id, call) in calls {
            if id > lastAccepted {
                finish(call, .failed(goingAway, neverStarted: true))
            } else {
                finish(call, .failed(error, neverStarted: neverStarted))
            }
        }
        goAwayLastCallID = nil
        goAwayStatus = nil
    }

    // MARK: - Keepalive

    /// While calls are in flight, a silent peer is pinged and, if it stays silent,
    /// given up: a half-open connection fails its calls instead of hanging them.
    private func scheduleKeepalive() {
        guard keepaliveTimer == nil else { return }
        let interval = Swift.max(configuration.keepaliveInterval.saturatingNanoseconds / 2, 1_000_000)
        keepaliveTimer = loop.schedule(after: interval) { [self] in
            keepaliveTimer = nil
            guard case .ready = state, !inFlight.isEmpty else { return }
            let now = MonotonicClock.now()
            if let pingSentAt {
                if now &- pingSentAt > configuration.keepaliveTimeout.saturatingNanoseconds {
                    closeSocket(failingWith: RPCError(.unavailable, "\(address) stopped answering keepalive pings"))
                    return
                }
            } else if now &- lastReadAt > configuration.keepaliveInterval.saturatingNanoseconds {
                pingSentAt = now
                var ping = Frame()
                ping.callID = now
                ping.kind = .ping
                enqueue(ping)
            }
            scheduleKeepalive()
        }
    }
}
