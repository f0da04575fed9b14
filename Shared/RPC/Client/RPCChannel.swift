import Wire

/// An address list that does not parse.
public struct InvalidAddressError: Error, CustomStringConvertible {
    public let description: String
}

/// A client's way to one service: a small pool of connections to one or more
/// replicas, with calls multiplexed over them.
///
/// Every call gets a deadline (the options', a parent call's, or the default), is
/// spread round-robin over the connections that are up, and is retried only on
/// UNAVAILABLE: for idempotent methods, or when the server provably never started it.
/// Errors are always `RPCError`; a call whose deadline passed fails with
/// DEADLINE_EXCEEDED, one whose task was cancelled with CANCELLED.
///
/// ```swift
/// let channel = try RPCChannel(addresses: "org-1:7102,org-2:7102")
/// let org = OrgServiceClient(channel: channel)
/// let unit = try await org.getUnit(request, options: CallOptions(parent: context))
/// ```
public final class RPCChannel: Sendable {
    public let configuration: ChannelConfiguration
    private let connections: [ClientConnection]
    private let interceptors: [any ClientInterceptor]
    private let nextConnection = Lock(0)

    /// A channel to `addresses` ("host:port,host:port").
    public convenience init(addresses: String, configuration: ChannelConfiguration = ChannelConfiguration(),
                            interceptors: [any ClientInterceptor] = []) throws(InvalidAddressError) {
        guard let list = HostPort.parseList(addresses) else {
            throw InvalidAddressError(description: "expected host:port[,host:port...], got \"\(addresses.prefix(200))\"")
        }
        self.init(addresses: list, configuration: configuration, interceptors: interceptors)
    }

    public init(addresses: [HostPort], configuration: ChannelConfiguration = ChannelConfiguration(),
                interceptors: [any ClientInterceptor] = []) {
        self.configuration = configuration
        self.interceptors = interceptors
        // The shared client loops only fail to start when the process is out of
        // threads or descriptors, and nothing can be done without them.
        guard let group = EventLoopGroup.sharedClientGroup else {
            fatalError("cannot start the RPC client event loops")
        }
        // Made once for all connections. Should the files not do, every call fails with
        // UNAVAILABLE naming the file and the reason.
        let tls = configuration.tls.map { tls in
            Result { () throws(TLSError) in try TLSContext(tls, role: .client) }
        }
        var connections: [ClientConnection] = []
        // Interleaved by address, so that round-robin alternates replicas.
        for _ in 0..<Swift.max(1, configuration.connectionsPerAddress) {
            for address in addresses {
                connections.append(ClientConnection(address: address, loop: group.next(), configuration: configuration,
                                                    tls: tls))
            }
        }
        self.connections = connections
    }

    /// Closes every connection; calls in flight fail with UNAVAILABLE.
    public func close() {
        for connection in connections { connection.shutdown() }
    }

    /// Calls a unary method: what generated clients call.
    public func unary<Request: WireMessage, Response: WireMessage>(
        path: String, request: Request, response: Response.Type, idempotent: Bool, options: CallOptions
    ) async throws(RPCError) -> Response {
        var metadata = options.metadata
        if metadata[MetadataKey.requestID] == nil { metadata[MetadataKey.requestID] = RequestID.generate() }
        let call = OutgoingCall(
            path: path, metadata: metadata,
            deadline: options.effectiveDeadline(defaultTimeout: configuration.defaultTimeout),
            idempotent: idempotent, payload: request.wireEncoded())
        let bytes: [UInt8]
        do {
            bytes = interceptors.isEmpty ? try await perform(call) : try await runChain(from: 0, call)
        } catch let error as RPCError {
            throw error
        } catch is CancellationError {
            throw RPCError(.cancelled, "the call was cancelled")
        } catch {
            throw RPCError(.unknown, "a client interceptor failed: \(error)")
        }
        do {
            return try Response(wireEncoded: bytes)
        } catch {
            throw RPCError(.internal, "the response is not a valid \(Response.self): \(error)")
        }
    }

    private func runChain(from index: Int, _ call: OutgoingCall) async throws -> [UInt8] {
        guard index < interceptors.count else { return try await perform(call) }
        return try await interceptors[index].intercept(call) { call in
            try await runChain(from: index + 1, call)
        }
    }

    /// Sends the call, retrying where that is safe, until it succeeds, fails for good,
    /// or runs out of attempts or time.
    private func perform(_ call: OutgoingCall) async throws(RPCError) -> [UInt8] {
        var attempt = 0
        while true {
            attempt += 1
            switch await pickConnection().perform(call) {
            case .response(let bytes):
                return bytes
            case .failed(let error, let neverStarted):
                let retryable = error.code == .unavailable && (call.idempotent || neverStarted)
                guard retryable, attempt < configuration.maxAttempts else { throw error }
                // A call refused before it started moves on to another connection at
                // once; otherwise wait a backoff step, within the deadline.
                if !neverStarted || attempt > connections.count {
                    let delay = Swift.min(configuration.backoff.delay(afterFailures: attempt),
                                          call.deadline.remaining.saturatingNanoseconds)
                    do {
                        try await Task.sleep(nanoseconds: delay)
                    } catch {
                        throw RPCError(.cancelled, "the call was cancelled")
                    }
                }
                if call.deadline.hasPassed { throw RPCError(.deadlineExceeded, "the call's deadline passed") }
            }
        }
    }

    /// The next connection in turn that is not backing off or going away; if none
    /// is, the next in turn anyway (it fails fast and the retry loop waits).
    private func pickConnection() -> ClientConnection {
        let start = nextConnection.withLock { next -> Int in
            defer { next = (next + 1) % connections.count }
            return next
        }
        for offset in 0..<connections.count {
            let connection = connections[(start + offset) % connections.count]
            if connection.isUsable { return connection }
        }
        return connections[start]
    }
}
