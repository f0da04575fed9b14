import CEpoll
import Glibc
import RPCContracts

/// One client connection on the server: reads frames, starts calls, writes
/// responses, enforces the per-connection limits and timeouts.
///
/// Everything here runs on the connection's event loop thread. Handlers run as tasks
/// that prefer that loop as their executor, so in the common case a handler starts,
/// finishes and has its response buffered without leaving the thread, and all
/// responses of one loop iteration go out in one write.
final class ServerConnection: EventHandler, OutputFlusher, @unchecked Sendable {
    // Safety (@unchecked Sendable): all mutable state is touched only on `loop`'s
    // thread. Handler tasks hold a reference but call in only on that thread (they
    // prefer the loop as executor, and go through `loop.execute` should they not be on it).
    private enum Phase {
        case open
        /// GOAWAY sent for a graceful shutdown: only Health/Check is still served; the
        /// connection closes when its last handler finishes.
        case draining
        /// A final frame is being written; the connection closes once it is out.
        case closingAfterFlush
        case closed
    }

    let fd: Int32
    let peer: String
    let loop: EventLoop
    private let server: RPCServer
    private let home: ServerLoop
    private let configuration: ServerConfiguration
    private var registration: EventLoop.RegistrationID?
    private var phase = Phase.open
    private var reader: FrameReader
    private let output = ByteBuffer()
    /// Calls waiting for their answer, by call id.
    private var calls: [UInt64: ServerCall] = [:]
    /// Handler tasks not yet returned (may exceed `calls.count` after deadlines).
    private(set) var runningHandlers = 0
    private var lastAcceptedCallID: UInt64 = 0
    private var lastMethod: (path: String, handler: RPCMethod.Handler)?
    private var readingPaused = false
    private var watchingWritable = false
    private var flushRequested = false
    private var lastReadAt: UInt64
    private var lastActivityAt: UInt64
    private var lastWriteProgressAt: UInt64
    private var pingSentAt: UInt64?

    init(fd: Int32, peer: String, loop: EventLoop, home: ServerLoop, server: RPCServer) {
        self.fd = fd
        self.peer = peer
        self.loop = loop
        self.home = home
        self.server = server
        self.configuration = server.configuration
        self.reader = FrameReader(maxFrameSize: server.configuration.maxFrameSize)
        let now = MonotonicClock.now()
        lastReadAt = now
        lastActivityAt = now
        lastWriteProgressAt = now
    }

    func start() throws(SystemError) {
        registration = try loop.register(fd: fd, events: EPOLLIN.rawValue, handler: self)
    }

    var isDraining: Bool { phase == .draining }

    // MARK: - Reading

    func handleEvents(_ events: UInt32) {
        if events & EPOLLOUT.rawValue != 0 { flushOutput() }
        if events & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 { readAvailable() }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        // A few reads per wake-up, then other connections get their turn; epoll is
        // level-triggered, so what is left wakes the loop again.
        for _ in 0..<4 {
            guard phase == .open || phase == .draining, !readingPaused, let base = buffer.baseAddress else { return }
            switch Socket.read(fd, into: base, count: buffer.count) {
            case .transferred(let count):
                let now = MonotonicClock.now()
                lastReadAt = now
                pingSentAt = nil
                feed(UnsafeRawBufferPointer(start: base, count: count), now: now)
                if count < buffer.count { return }
            case .wouldBlock:
                return
            case .endOfFile, .failed:
                close()
                return
            }
        }
    }

    /// Passes bytes to the frame reader (none: the frames it held while paused).
    private func feed(_ bytes: UnsafeRawBufferPointer, now: UInt64) {
        do {
            try reader.consume(bytes, now: now) { frame in handleFrame(frame) }
        } catch {
            guard case .frameTooLarge(let length, let limit) = error else { return }
            fail(.resourceExhausted, "frame of \(length) bytes exceeds the limit of \(limit) bytes")
        }
    }

    /// Handles one frame; then has the reader stop when the connection is closing, and
    /// pause once responses have filled the output past its high-water mark (the
    /// frames left in this read wait, like the unread bytes in the socket).
    private func handleFrame(_ bytes: UnsafeRawBufferPointer) -> FrameReader.Next {
        let frame: Frame
        do {
            frame = try Frame(wireEncoded: bytes)
        } catch {
            fail(.internal, "malformed frame: \(error)")
            return .stop
        }
        lastActivityAt = lastReadAt
        switch frame.kind {
        case .request: startCall(frame)
        case .cancel: cancelCall(frame.callID)
        case .ping: sendControl(.pong, callID: frame.callID)
        case .pong, .goaway: break  // PONG: the read itself proved liveness. GOAWAY: the client is leaving.
        default:
            fail(.internal, "unexpected frame kind \(frame.kind.rawValue) from a client")
        }
        guard phase == .open || phase == .draining else { return .stop }
        return readingPaused ? .pause : .more
    }

    // MARK: - Calls

    private func startCall(_ frame: Frame) {
        let id = frame.callID
        guard calls[id] == nil else {
            fail(.internal, "call id \(id) reused while in flight")
            return
        }
        if phase == .draining && frame.method != HealthService.checkPath {
            respond(id, .failure(.unavailable, "the server is shutting down; retry on another replica"))
            return
        }
        guard let handler = handler(for: frame.method) else {
            server.refusedCallObserver?.callRefused(method: frame.method, code: .unimplemented)
            respond(id, .failure(.unimplemented, "method \(frame.method.prefix(200)) is not implemented"))
            return
        }
        guard frame.metadata.isEmpty || metadataSize(frame.metadata) <= configuration.maxMetadataSize else {
            respond(id, .failure(.resourceExhausted, "request metadata exceeds \(configuration.maxMetadataSize) bytes"))
            return
        }
        guard runningHandlers < configuration.maxConcurrentCallsPerConnection else {
            respond(id, .failure(.resourceExhausted,
                                 "more than \(configuration.maxConcurrentCallsPerConnection) calls in flight on this connection"))
            return
        }
        guard server.tryStartCall() else {
            respond(id, .failure(.resourceExhausted, "the server has too many calls in flight"))
            return
        }
        lastAcceptedCallID = Swift.max(lastAcceptedCallID, id)
        let deadline: Deadline? = frame.timeoutMS > 0
            ? Deadline(uptimeNanoseconds: lastReadAt &+ Swift.min(frame.timeoutMS, UInt64.max / 1_000_000) * 1_000_000)
            : nil
        let requestID = frame.metadata[MetadataKey.requestID].map(RequestIDValue.given)
            ?? .generated(home.nextRequestNumber())
        let context = CallContext(method: frame.method, metadata: frame.metadata, requestID: requestID,
                                  deadline: deadline, peer: peer)
        let call = ServerCall(id: id, connection: self)
        runningHandlers += 1
        let dispatcher = server.dispatcher
        let payload = frame.payload
        // The handler starts right here, on the loop thread, and runs until it first
        // suspends; later parts run on the loop too (its executor preference). One that
        // never suspends has answered before `immediate` returns: no job is queued for
        // it, and it never needs the call table or a deadline timer.
        let task = Task.immediate(executorPreference: loop) {
            let outcome = await dispatcher.run(handler, payload: payload, context: context)
            let connection = call.connection
            if connection.loop.inEventLoop {
                connection.handlerFinished(call, outcome)
            } else {
                connection.loop.execute { connection.handlerFinished(call, outcome) }
            }
        }
        guard !call.isSettled else { return }
        call.task = task
        calls[id] = call
        if let deadline { loop.schedule(call, at: deadline.uptimeNanoseconds) }
    }

    /// The dispatcher's handler for `path`. A connection mostly repeats a few methods,
    /// so the last one found is kept: comparing paths is cheaper than hashing one.
    private func handler(for path: String) -> RPCMethod.Handler? {
        if let lastMethod, lastMethod.path == path { return lastMethod.handler }
        guard let handler = server.dispatcher.handler(for: path) else { return nil }
        lastMethod = (path, handler)
        return handler
    }

    private func handlerFinished(_ call: ServerCall, _ outcome: CallOutcome) {
        runningHandlers -= 1
        server.callFinished()
        if !call.isSettled {
            settle(call)
            respond(call.id, outcome)
        }
        if phase == .draining && runningHandlers == 0 { closeAfterFlush() }
    }

    func deadlinePassed(_ call: ServerCall) {
        guard !call.isSettled else { return }
        settle(call)
        call.task?.cancel()
        respond(call.id, .failure(.deadlineExceeded, "the call's deadline passed"))
    }

    private func cancelCall(_ id: UInt64) {
        guard let call = calls[id] else { return }
        // The client has stopped waiting, so no answer is sent.
        settle(call)
        call.task?.cancel()
    }

    private func settle(_ call: ServerCall) {
        call.isSettled = true
        guard call.isRegistered else { return }
        calls[call.id] = nil
        loop.cancel(call)
    }

    // MARK: - Writing

    private func respond(_ id: UInt64, _ outcome: CallOutcome) {
        guard phase == .open || phase == .draining else { return }
        var frame = Frame()
        frame.callID = id
        frame.kind = .response
        switch outcome {
        case .response(let payload): frame.payload = payload
        case .failure(let status): frame.status = status
        }
        enqueue(frame)
        lastActivityAt = MonotonicClock.now()
    }

    private func sendControl(_ kind: FrameKind, callID: UInt64) {
        var frame = Frame()
        frame.callID = callID
        frame.kind = kind
        enqueue(frame)
    }

    private func enqueue(_ frame: Frame) {
        output.appendFrame(frame)
        if !flushRequested {
            flushRequested = true
            loop.requestFlush(self)
        }
        if !readingPaused && output.readableCount > configuration.outputHighWaterMark {
            readingPaused = true
            updateInterest()
        }
    }

    func flushOutput() {
        flushRequested = false
        guard phase != .closed else { return }
        while !output.isEmpty {
            let bytes = output.readableBytes
            guard let base = bytes.baseAddress else { break }
            switch Socket.write(fd, from: base, count: bytes.count) {
            case .transferred(let count):
                output.consume(count)
                lastWriteProgressAt = MonotonicClock.now()
            case .wouldBlock, .endOfFile:
                if !watchingWritable {
                    watchingWritable = true
                    updateInterest()
                }
                return
            case .failed:
                close()
                return
            }
        }
        output.releaseIfEmpty(above: 256 * 1024)
        if phase == .closingAfterFlush {
            close()
            return
        }
        let resume = readingPaused && output.readableCount <= configuration.outputHighWaterMark / 2
        if resume { readingPaused = false }
        if watchingWritable || resume {
            watchingWritable = false
            updateInterest()
        }
        // Frames that arrived in the read that paused are already out of the socket:
        // no EPOLLIN will announce them, so they are handled now.
        if resume && reader.hasPartialFrame { feed(UnsafeRawBufferPointer(start: nil, count: 0), now: MonotonicClock.now()) }
    }

    private func updateInterest() {
        guard let registration, phase != .closed else { return }
        var events: UInt32 = 0
        if !readingPaused && (phase == .open || phase == .draining) { events |= EPOLLIN.rawValue }
        if watchingWritable { events |= EPOLLOUT.rawValue }
        loop.modify(fd: fd, id: registration, events: events)
    }

    // MARK: - Ending

    /// Announces a graceful shutdown: GOAWAY with the last accepted call id; calls
    /// already accepted finish, later ones get UNAVAILABLE.
    func beginDrain() {
        guard phase == .open else { return }
        phase = .draining
        sendGoAway(.unavailable, "the server is shutting down")
        if runningHandlers == 0 { closeAfterFlush() }
    }

    /// Tells the client why in a final GOAWAY, then closes: used for protocol errors
    /// and limits, which end only this connection.
    func fail(_ code: StatusCode, _ message: String) {
        guard phase == .open || phase == .draining else { return }
        sendGoAway(code, message)
        closeAfterFlush()
    }

    private func sendGoAway(_ code: StatusCode, _ message: String) {
        var frame = Frame()
        frame.kind = .goaway
        frame.lastCallID = lastAcceptedCallID
        frame.status = RPCError(code, message).status
        enqueue(frame)
    }

    private func closeAfterFlush() {
        guard phase != .closed else { return }
        phase = .closingAfterFlush
        readingPaused = true
        abandonCalls()
        updateInterest()
        if !flushRequested {
            flushRequested = true
            loop.requestFlush(self)
        }
    }

    /// Closes at once, cancelling every handler still running.
    func close() {
        guard phase != .closed else { return }
        abandonCalls()
        if let registration { loop.deregister(fd: fd, id: registration) }
        phase = .closed
        Socket.close(fd)
        home.connectionClosed(self)
        server.connectionClosed()
    }

    private func abandonCalls() {
        for call in calls.values {
            call.isSettled = true
            loop.cancel(call)
            call.task?.cancel()
        }
        calls.removeAll()
    }

    // MARK: - Timeouts

    /// Called by the loop's periodic sweep.
    func sweep(now: UInt64) {
        guard phase != .closed else { return }
        if let since = reader.partialFrameSince, now &- since > configuration.frameReadTimeout.saturatingNanoseconds {
            fail(.resourceExhausted, "a frame did not arrive whole within \(configuration.frameReadTimeout)")
            return
        }
        if !output.isEmpty, now &- lastWriteProgressAt > configuration.writeStallTimeout.saturatingNanoseconds {
            // The client is not reading; a final frame would not get through either.
            close()
            return
        }
        guard phase == .open || phase == .draining else { return }
        if calls.isEmpty, runningHandlers == 0, !reader.hasPartialFrame,
           now &- lastActivityAt > configuration.idleTimeout.saturatingNanoseconds {
            fail(.unavailable, "connection idle for \(configuration.idleTimeout)")
            return
        }
        if let pingSentAt {
            if now &- pingSentAt > configuration.keepaliveTimeout.saturatingNanoseconds { close() }
        } else if now &- lastReadAt > configuration.keepaliveInterval.saturatingNanoseconds {
            pingSentAt = now
            sendControl(.ping, callID: now)
        }
    }
}
