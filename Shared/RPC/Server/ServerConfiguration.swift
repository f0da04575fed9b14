/// Where a server listens and the limits that protect it. Every limit has a default
/// meant for production; tests shrink them.
public struct ServerConfiguration: Sendable {
    /// Address to bind; "0.0.0.0" is every IPv4 interface.
    public var host: String
    /// 0 lets the kernel choose; `RPCServer.port` tells which it chose.
    public var port: Int
    /// Event loops (threads doing I/O and running handlers); one per core by default.
    public var eventLoopCount: Int = System.coreCount
    /// The largest frame accepted (docs/architecture.md §4). A larger length prefix gets
    /// RESOURCE_EXHAUSTED and the connection closes.
    public var maxFrameSize: Int = 4 * 1024 * 1024
    /// The largest request metadata (keys plus values, UTF-8 bytes); a call over it
    /// gets RESOURCE_EXHAUSTED.
    public var maxMetadataSize: Int = 8 * 1024
    /// Connections beyond this are told RESOURCE_EXHAUSTED in a GOAWAY and closed.
    public var maxConnections: Int = 10_000
    /// Connections from one client address (the IP, whatever the port) beyond this are
    /// told RESOURCE_EXHAUSTED in a GOAWAY and closed, so that one host cannot fill
    /// `maxConnections` and lock everyone else out, Health probes included.
    public var maxConnectionsPerAddress: Int = 512
    /// Client addresses exempt from `maxConnectionsPerAddress`: the gateway, which
    /// carries every user's calls. Literal IPs as the server sees them ("10.0.0.5",
    /// "::1"; an IPv4 client of a dual-stack listener shows as "::ffff:10.0.0.5").
    public var trustedAddresses: Set<String> = []
    /// Handlers running at once for one connection; the excess call gets
    /// RESOURCE_EXHAUSTED and the connection stays up. Health/Check is not counted.
    public var maxConcurrentCallsPerConnection: Int = 1_024
    /// Handlers running at once across the server. Health/Check is not counted, so a
    /// busy server still answers its probes.
    public var maxConcurrentCalls: Int = 16_384
    /// Bytes of unwritten responses after which the server stops reading from a
    /// connection (no new calls start for it; its frames wait unread), until half of
    /// them are written.
    public var outputHighWaterMark: Int = 1024 * 1024
    /// Responses (frames) waiting unwritten for one connection after which the server
    /// stops reading from it, until its output is written out: the same as
    /// `outputHighWaterMark`, counted in answers. A Health answer is 12 bytes, so the
    /// byte mark alone let a client that never reads have some ninety thousand calls
    /// answered on each connection before the server noticed.
    public var outputHighWaterFrames: Int = 4_096
    /// The kernel's send buffer for a connection from an untrusted address (SO_SNDBUF,
    /// which Linux doubles). Bounded, so that a client that stops reading is noticed
    /// after some thousands of small answers rather than after the megabytes the kernel
    /// would otherwise grow the buffer to. Trusted addresses (the gateway, which carries
    /// every member's calls) keep the kernel's own sizing.
    public var untrustedSendBufferSize: Int = 64 * 1024
    /// Bytes of unwritten responses one connection may hold, counting those of calls
    /// that were already running when reading stopped. Beyond it (after giving the
    /// socket what it takes) the client is not reading: the connection is closed, its
    /// calls are cancelled and their responses dropped. At least `maxFrameSize` plus
    /// `outputHighWaterMark`, so one largest response always fits.
    public var maxBufferedOutputPerConnection: Int = 8 * 1024 * 1024
    /// Bytes of unwritten responses across all connections. Beyond it, every
    /// connection over its `outputHighWaterMark` is closed (when it next produces a
    /// response, or at the next timeout sweep): clients that do not read cannot
    /// together exhaust the process's memory.
    public var maxBufferedOutput: Int = 64 * 1024 * 1024
    /// A connection with no calls for this long is closed. Only calls and cancels
    /// count as activity: a client answering keepalive pings is still idle.
    public var idleTimeout: Duration = .seconds(300)
    /// A frame must arrive whole within this time of its first byte, so a client
    /// sending a byte a second cannot hold a connection slot forever.
    public var frameReadTimeout: Duration = .seconds(10)
    /// A connection whose pending output makes no progress for this long is closed.
    public var writeStallTimeout: Duration = .seconds(30)
    /// After this long without hearing from the peer the server sends a PING...
    public var keepaliveInterval: Duration = .seconds(30)
    /// ...and closes the connection if nothing arrives within this time after it.
    public var keepaliveTimeout: Duration = .seconds(10)
    /// How long in-flight calls may run after a graceful shutdown starts.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// The listen(2) backlog.
    public var listenBacklog: Int32 = 1024
    /// TLS on this port (nil: plain TCP). See `TLSConfiguration`.
    public var tls: TLSConfiguration?

    public init(host: String = "0.0.0.0", port: Int = 0) {
        self.host = host
        self.port = port
    }

    /// How often each loop checks its connections for the timeouts above: often
    /// enough to keep each within a quarter of its length, at most once a second.
    var sweepInterval: UInt64 {
        let shortest = ([idleTimeout, frameReadTimeout, writeStallTimeout, keepaliveInterval, keepaliveTimeout]
            + (tls.map { [$0.handshakeTimeout] } ?? []))
            .map(\.saturatingNanoseconds).min() ?? 1_000_000_000
        return Swift.min(Swift.max(shortest / 4, 5_000_000), 1_000_000_000)
    }
}
