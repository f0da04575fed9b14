/// How a channel connects, waits and retries. Defaults suit service-to-service calls.
public struct ChannelConfiguration: Sendable {
    /// The deadline of a call whose options set none.
    public var defaultTimeout: Duration = .seconds(10)
    /// Connections kept to each address; calls are spread over all of them.
    public var connectionsPerAddress: Int = 2
    /// Tries per call, the first included. Only UNAVAILABLE is retried, and only for
    /// idempotent methods or calls the server provably never started.
    public var maxAttempts: Int = 4
    /// Reconnect backoff after a failed connect: exponential with jitter.
    public var backoff = Backoff()
    /// With calls in flight and nothing heard for this long, the channel sends PING...
    public var keepaliveInterval: Duration = .seconds(30)
    /// ...and gives the connection up if nothing arrives within this time.
    public var keepaliveTimeout: Duration = .seconds(10)
    /// The largest response frame accepted.
    public var maxFrameSize: Int = 4 * 1024 * 1024
    /// TLS to the server (nil: plain TCP). See `TLSConfiguration`.
    public var tls: TLSConfiguration?

    public init(defaultTimeout: Duration = .seconds(10)) {
        self.defaultTimeout = defaultTimeout
    }
}

/// Exponential backoff with jitter: attempt n waits about
/// `initial * multiplier^n`, capped at `maximum`, spread by ±`jitter` so that clients
/// that lost the same server do not come back in lockstep.
public struct Backoff: Sendable {
    public var initial: Duration = .milliseconds(100)
    public var maximum: Duration = .seconds(5)
    public var multiplier: Double = 1.6
    /// A fraction of the delay, 0...1.
    public var jitter: Double = 0.2

    public init() {}

    /// The delay before attempt `failures` + 1, in nanoseconds.
    public func delay(afterFailures failures: Int) -> UInt64 {
        let base = Double(initial.saturatingNanoseconds) * pow(multiplier, Double(Swift.max(0, failures - 1)))
        let capped = Swift.min(base, Double(maximum.saturatingNanoseconds))
        let spread = capped * jitter
        return UInt64(Swift.max(0, capped + Double.random(in: -spread...spread)))
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(Swift.min(exponent, 64))
        while remaining > 0 {
            result *= base
            remaining -= 1
        }
        return result
    }
}
