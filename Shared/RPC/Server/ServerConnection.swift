import CEpoll
import Glibc
import RPCContracts

/// One client connection on the server: reads frames, starts calls, writes
/// responses, enforces the per-connection limits and timeouts.
///
/// Everything here runs on the connection's event loop thread. A method that never
/// suspends runs right here with no task; other handlers run as tasks that prefer that
/// loop as their executor, so in the common case a handler starts, finishes and has
/// its response buffered without leaving the thread, and all responses of one loop
/// iteration go out in one write.
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

    /// Frames handled for one connection before the loop serves the others: a client
    /// pipelining thousands of cheap calls in one write cannot hold the loop for all
    /// of them; the rest wait for the next turn.
    static let framesPerTurn = 64
    /// Bytes written to one connection per turn, for the same reason on the way out;
    /// the rest leaves on the next turn (the socket stays watched for writability).
    private static let bytesPerTurn = 1024 * 1024

    let fd: Int32
    let peer: String
    /// The socket itself, or TLS over it.
    private let stream: ConnectionStream
    let loop: EventLoop
    private let server: RPCServer
    private let home: ServerLoop
    private let configuration: ServerConfiguration
    /// This connection's place in its client address's count, released on close.
    private let slot: AddressSlot
    /// Its address's frames per turn on this loop, shared with the address's other
    /// connections here; nil for a trusted address.
    let share: AddressTurnShare?
    private var registration: EventLoop.RegistrationID?
    private var phase = Phase.open
    private var reader: FrameReader
    private let output = ByteBuffer()
    /// Frames added to `output` since it was last written out whole (an upper bound on
    /// the answers waiting in it), for `outputHighWaterFrames`.
    private var unwrittenFrames = 0
    /// Calls waiting for their answer, by call id.
    private var calls: [UInt64: ServerCall] = [:]
    /// Handler tasks not yet returned (may exceed `calls.count` after deadlines).
    private(set) var runningHandlers = 0
    private var lastAcceptedCallID: UInt64 = 0
    private var lastMethod: ServedMethod?
    private var readingPaused = false
    /// Stepped aside after `framesPerTurn` frames; the rest are handled next turn.
    private var turnYielded = false
    private var framesThisTurn = 0
    /// Output bytes this connection has added to the server-wide total.
    private var countedOutput = 0
    private var watchingWritable = false
    private var flushRequested = false
    private var lastReadAt: UInt64
    private var lastActivityAt: UInt64
    private var lastWriteProgressAt: UInt64
    private var pingSentAt: UInt64?
    /// When the connection was accepted: the TLS handshake must finish in time.
    private let acceptedAt: UInt64
    /// The epoll interest last set, so that a change of TLS's wishes costs a call only
    /// when it changes something.
    private var interest: UInt32 = EPOLLIN.rawValue | EPOLLRDHUP.rawValue

    init(fd: Int32, peer: String, stream: ConnectionStream, slot: AddressSlot, share: AddressTurnShare?,
         loop: EventLoop, home: ServerLoop, server: RPCServer) {
        self.fd = fd
        self.peer = peer
        self.stream = stream
        self.slot = slot
        self.share = share
        self.loop = loop
        self.home = home
        self.server = server
        self.configuration = server.configuration
        self.reader = FrameReader(maxFrameSize: server.configuration.maxFrameSize)
        let now = MonotonicClock.now()
        lastReadAt = now
        lastActivityAt = now
        lastWriteProgressAt = now
        acceptedAt = now
    }

    func start() throws(SystemError) {
        registration = try loop.register(fd: fd, events: interest, handler: self)
    }

    var isDraining: Bool { phase == .draining }

    private var isReading: Bool { (phase == .open || phase == .draining) && !readingPaused && !turnYielded }

    // MARK: - Reading

    func handleEvents(_ events: UInt32) {
        if events & (EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0 {
            // Reset, or hung up both ways: nobody is left to answer, and epoll (level-
            // triggered) would report it again on every turn.
            close()
            return
        }
        if events & EPOLLOUT.rawValue != 0 {
            flushOutput()
            // TLS: a read waited to send a handshake message.
            if stream.readWaitsForWritable { readAvailable() }
        }
        if events & EPOLLRDHUP.rawValue != 0 && !isReading && (phase == .open || phase == .draining) {
            // The peer stopped sending while the server is not reading (output over the
            // high-water mark, or its turn used up): its close would otherwise go unseen
            // until a timeout, and its calls would run on for nobody.
            close()
            return
        }
        if events & EPOLLIN.rawValue != 0 {
            readAvailable()
            // TLS: a write waited to receive a handshake message.
            if stream.writeWaitsForReadable { flushOutput() }
        }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        framesThisTurn = 0
        // A few reads per wake-up, then other connections get their turn; epoll is
        // level-triggered, so what is left wakes the loop again.
        for _ in 0..<4 {
            guard isReading, let base = buffer.baseAddress else { return }
            switch stream.read(fd, into: base, count: buffer.count) {
            case .transferred(let count):
                let now = MonotonicClock.now()
                lastReadAt = now
                pingSentAt = nil
                feed(UnsafeRawBufferPointer(start: base, count: count), now: now)
                if count < buffer.count && !stream.hasBufferedInput { return }
            case .wouldBlock:
                if stream.isTLS { updateInterest() }
                return
            case .endOfFile, .failed:
                if !stream.isEstablished, let reason = stream.failureReason { refuseTLS(reason) }
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
    /// pause once responses have filled the output past its high-water mark or the
    /// connection, or its address, has had its turn (the frames left in this read wait,
    /// like the unread bytes in the socket).
    private func handleFrame(_ bytes: UnsafeRawBufferPointer) -> FrameReader.Next {
        framesThisTurn += 1
        let frame: Frame
        do {
            frame = try Frame(wireEncoded: bytes)
        } catch {
            fail(.internal, "malformed frame: \(error)")
            return .stop
        }
        switch frame.kind {
        case .request:
            lastActivityAt = lastReadAt
            startCall(frame)
        case .cancel:
            lastActivityAt = lastReadAt
            cancelCall(frame.callID, deadlineExceeded: frame.status?.code == .deadlineExceeded)
        case .ping:
            // Liveness, not activity: pings alone do not keep a connection from idling out.
            sendControl(.pong, callID: frame.callID)
        case .pong, .goaway: break  // PONG: the read itself proved liveness. GOAWAY: the client is leaving.
        default:
            fail(.internal, "unexpected frame kind \(frame.kind.rawValue) from a client")
        }
        guard phase == .open || phase == .draining else { return .stop }
        if readingPaused { return .pause }
        let addressHasHadItsTurn = share.map { !$0.take(in: loop.turn) } ?? false
        if framesThisTurn >= ServerConnection.framesPerTurn || addressHasHadItsTurn {
            yieldTurn()
            return .pause
        }
        return .more
    }

    /// Steps aside until the next turn; then handles the frames already read, and the
    /// socket is read again once they are done.
    private func yieldTurn() {
        turnYielded = true
        loop.executeNextTurn { [self] in
            turnYielded = false
            framesThisTurn = 0
            guard phase == .open || phase == .draining, !readingPaused else { return }
            if reader.hasPartialFrame { feed(UnsafeRawBufferPointer(start: nil, count: 0), now: MonotonicClock.now()) }
        }
    }

    // MARK: - Calls

    private func startCall(_ frame: Frame) {
        let id = frame.callID
        guard calls[id] == nil else {
            // Answered, and the connection kept: GOAWAY would promise answers up to the
            // last accepted id, the first call with this id among them.
            refuse(frame, .invalidArgument, "call_id \(id) is already in flight on this connection")
            return
        }
        // Health/Check stays callable while draining, so probes see NOT_SERVING.
        if phase == .draining && frame.method != HealthService.checkPath {
            refuse(frame, .unavailable, "the server is shutting down; retry on another replica")
            return
        }
        guard let method = method(for: frame.method) else {
            refuse(frame, .unimplemented, "method \(frame.method.prefix(200)) is not implemented")
            return
        }
        guard frame.metadata.isEmpty || metadataSize(frame.metadata) <= configuration.maxMetadataSize else {
            refuse(frame, .resourceExhausted, "request metadata exceeds \(configuration.maxMetadataSize) bytes")
            return
        }
        if let runSynchronously = method.runSynchronously {
            // Answered before this returns, interceptors and all, with no task: it holds
            // no call slot (so Health/Check sees a busy server as busy but alive), and
            // needs no table entry or deadline timer.
            lastAcceptedCallID = Swift.max(lastAcceptedCallID, id)
            let context = callContext(for: frame, method: method, ending: nil)
            respond(id, server.dispatcher.runSynchronously(runSynchronously, payload: frame.payload, context: context))
            return
        }
        guard runningHandlers < configuration.maxConcurrentCallsPerConnection else {
            refuse(frame, .resourceExhausted,
                   "more than \(configuration.maxConcurrentCallsPerConnection) calls in flight on this connection")
            return
        }
        guard server.tryStartCall() else {
            refuse(frame, .resourceExhausted, "the server has too many calls in flight")
            return
        }
        lastAcceptedCallID = Swift.max(lastAcceptedCallID, id)
        let call = ServerCall(id: id, connection: self)
        let context = callContext(for: frame, method: method, ending: call)
        runningHandlers += 1
        let dispatcher = server.dispatcher
        let payload = frame.payload
        // The handler starts right here, on the loop thread, and runs until it first
        // suspends; later parts run on the loop too (its executor preference). One that
        // never suspends has answered before `immediate` returns: no job is queued for
        // it, and it never needs the call table or a deadline timer.
        let task = Task.immediate(executorPreference: loop) {
            let outcome = await dispatcher.run(method, payload: payload, context: context)
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
        if let deadline = context.deadline { loop.schedule(call, at: deadline.uptimeNanoseconds) }
    }

    /// The context a handler of `frame`'s call sees: its deadline counted from when the
    /// frame was read, and the caller's request id or the next one of this loop. The
    /// method's path is the registered one, shared by every call, not the frame's copy.
    private func callContext(for frame: Frame, method: ServedMethod, ending: (any CallEnding)?) -> CallContext {
        let deadline: Deadline? = frame.timeoutMS > 0
            ? Deadline(uptimeNanoseconds: lastReadAt &+ Swift.min(frame.timeoutMS, UInt64.max / 1_000_000) * 1_000_000)
            : nil
        let requestID = frame.metadata[MetadataKey.requestID].map(RequestIDValue.given)
            ?? .generated(home.nextRequestNumber())
        return CallContext(method: method.path, metadata: frame.metadata, requestID: requestID,
                           deadline: deadline, peer: peer, peerCertificateName: stream.verifiedPeerName, ending: ending,
                           receivedAt: lastReadAt)
    }

    /// Answers a call the runtime turns away itself, before any interceptor or handler,
    /// and tells the server's observer: the one path for every refusal, so each is
    /// observed exactly once.
    private func refuse(_ frame: Frame, _ code: StatusCode, _ message: String) {
        server.refusedCallObserver?.callRefused(method: frame.method, code: code)
        respond(frame.callID, .failure(code, message))
    }

    /// The dispatcher's method for `path`. A connection mostly repeats a few methods,
    /// so the last one found is kept: comparing paths is cheaper than hashing one.
    private func method(for path: String) -> ServedMethod? {
        if let lastMethod, lastMethod.path == path { return lastMethod }
        guard let method = server.dispatcher.method(for: path) else { return nil }
        lastMethod = method
        return method
    }

    private func handlerFinished(_ call: ServerCall, _ outcome: CallOutcome) {
        runningHandlers -= 1
        server.callFinished()
        if !call.isSettled {
            // An answer is activity. One made while its frame was read (a synchronous
            // handler, a refusal) is already counted from the read, without a clock read.
            lastActivityAt = MonotonicClock.now()
            settle(call)
            respond(call.id, outcome)
        }
        if phase == .draining && runningHandlers == 0 { closeAfterFlush() }
    }

    func deadlinePassed(_ call: ServerCall) {
        guard !call.isSettled else { return }
        lastActivityAt = MonotonicClock.now()
        settle(call)
        call.markDeadlineExceeded()
        call.task?.cancel()
        respond(call.id, .failure(.deadlineExceeded, "the call's deadline passed"))
    }

    private func cancelCall(_ id: UInt64, deadlineExceeded: Bool) {
        guard let call = calls[id] else { return }
        // The client has stopped waiting, so no answer is sent.
        settle(call)
        if deadlineExceeded { call.markDeadlineExceeded() }
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
        switch outcome {
        case .response(let payload):
            enqueue { output in output.appendResponse(callID: id, payload: payload) }
        case .failure(let status):
            var frame = Frame()
            frame.callID = id
            frame.kind = .response
            frame.status = status
            enqueue(frame)
        }
    }

    private func sendControl(_ kind: FrameKind, callID: UInt64) {
        var frame = Frame()
        frame.callID = callID
        frame.kind = kind
        enqueue(frame)
    }

    private func enqueue(_ frame: Frame) {
        enqueue { output in output.appendFrame(frame) }
    }

    /// Adds one frame to the output (written by `append`), asks for the end-of-turn
    /// flush, and stops reading past the high-water mark.
    private func enqueue(_ append: (ByteBuffer) -> Void) {
        let before = output.readableCount
        append(output)
        unwrittenFrames += 1
        countOutput(output.readableCount - before)
        if !flushRequested {
            flushRequested = true
            loop.requestFlush(self)
        }
        guard output.readableCount > configuration.outputHighWaterMark
                || unwrittenFrames > configuration.outputHighWaterFrames else { return }
        if !readingPaused {
            readingPaused = true
            updateInterest()
        }
        enforceOutputLimits()
    }

    /// Reading stops at the high-water mark, but calls already running still answer.
    /// Past the connection's own limit, or past the server-wide one while over its
    /// high-water mark, the client is not keeping up: once the socket has taken what
    /// it will, the connection is closed and its responses dropped.
    private func enforceOutputLimits() {
        let overConnectionLimit = output.readableCount > configuration.maxBufferedOutputPerConnection
        guard overConnectionLimit || server.bufferedOutput.current > configuration.maxBufferedOutput else { return }
        switch writeOutput() {
        case .failed:
            close()
        case .drained, .pending:
            if output.readableCount > configuration.maxBufferedOutputPerConnection || isOverServerLimit { close() }
        }
    }

    /// Over the server-wide output limit, and one of the connections holding it.
    private var isOverServerLimit: Bool {
        output.readableCount > configuration.outputHighWaterMark
            && server.bufferedOutput.current > configuration.maxBufferedOutput
    }

    private func countOutput(_ delta: Int) {
        countedOutput += delta
        server.bufferedOutput.add(delta)
    }

    private enum WriteOutcome {
        case drained
        /// The socket is full, or this turn's share is written: wait for writability.
        case pending
        case failed
    }

    /// Writes pending output, at most `bytesPerTurn` of it.
    private func writeOutput() -> WriteOutcome {
        var written = 0
        while !output.isEmpty {
            guard written < ServerConnection.bytesPerTurn else { return .pending }
            let bytes = output.readableBytes
            guard let base = bytes.baseAddress else { break }
            switch stream.write(fd, from: base, count: Swift.min(bytes.count, ServerConnection.bytesPerTurn - written)) {
            case .transferred(let count):
                output.consume(count)
                countOutput(-count)
                written += count
                lastWriteProgressAt = MonotonicClock.now()
            case .wouldBlock, .endOfFile:
                return .pending
            case .failed:
                return .failed
            }
        }
        unwrittenFrames = 0
        return .drained
    }

    func flushOutput() {
        flushRequested = false
        guard phase != .closed else { return }
        switch writeOutput() {
        case .failed:
            close()
            return
        case .pending:
            // TLS may need to read before it can write: then readability is watched.
            let wantsWritable = !stream.writeWaitsForReadable
            if watchingWritable != wantsWritable || stream.isTLS {
                watchingWritable = wantsWritable
                updateInterest()
            }
            return
        case .drained:
            break
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
        if resume && !turnYielded && reader.hasPartialFrame {
            framesThisTurn = 0
            feed(UnsafeRawBufferPointer(start: nil, count: 0), now: MonotonicClock.now())
        }
    }

    private func updateInterest() {
        guard let registration, phase != .closed else { return }
        var events: UInt32 = 0
        // EPOLLRDHUP stays on while reading is paused, so a peer's close is noticed.
        if phase == .open || phase == .draining { events |= EPOLLRDHUP.rawValue }
        if !readingPaused && (phase == .open || phase == .draining) { events |= EPOLLIN.rawValue }
        if watchingWritable || stream.readWaitsForWritable { events |= EPOLLOUT.rawValue }
        if stream.writeWaitsForReadable { events |= EPOLLIN.rawValue }
        guard events != interest else { return }
        interest = events
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

    /// Closes at once, cancelling every handler still running and dropping the output
    /// (handlers that outlive the connection keep it alive, not its buffer).
    func close() {
        guard phase != .closed else { return }
        abandonCalls()
        if let registration { loop.deregister(fd: fd, id: registration) }
        phase = .closed
        stream.close()
        Socket.close(fd)
        output.consume(output.readableCount)
        output.releaseIfEmpty(above: 0)
        countOutput(-countedOutput)
        slot.release()
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

    /// Logs why TLS refused this connection, which then closes.
    private func refuseTLS(_ reason: String) {
        server.tlsFailureObserver?.tlsHandshakeFailed(peer: peer, reason: reason)
    }

    // MARK: - Timeouts

    /// Called by the loop's periodic sweep.
    func sweep(now: UInt64) {
        guard phase != .closed else { return }
        if let tls = configuration.tls, !stream.isEstablished,
           now &- acceptedAt > tls.handshakeTimeout.saturatingNanoseconds {
            refuseTLS("the TLS handshake did not finish within \(tls.handshakeTimeout)")
            close()
            return
        }
        if let since = reader.partialFrameSince, now &- since > configuration.frameReadTimeout.saturatingNanoseconds {
            fail(.resourceExhausted, "a frame did not arrive whole within \(configuration.frameReadTimeout)")
            return
        }
        if !output.isEmpty, now &- lastWriteProgressAt > configuration.writeStallTimeout.saturatingNanoseconds
            || isOverServerLimit {
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
