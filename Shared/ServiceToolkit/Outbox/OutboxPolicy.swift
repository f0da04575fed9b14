/// How the deliverer paces itself: how many messages a round takes, how long it waits
/// for work when nothing wakes it, and how a failing message backs off.
public struct OutboxPolicy: Sendable {
    /// Messages read and delivered per round: a long backlog is worked through in
    /// bounded steps, each followed by its own commit.
    public var batchSize = 50
    /// The longest the deliverer sleeps between rounds without a wake-up (messages
    /// left by a crash, retries falling due).
    public var idleWaitMs: Int64 = 1_000
    /// The first retry's delay, doubled per failure up to `maxRetryDelayMs`.
    public var firstRetryDelayMs: Int64 = 1_000
    public var maxRetryDelayMs: Int64 = 5 * 60 * 1_000

    public init() {}

    /// When a message that has now failed `attempts` times is tried again.
    public func retryDelayMs(afterAttempts attempts: Int) -> Int64 {
        let doublings = min(max(attempts - 1, 0), 30)
        return min(firstRetryDelayMs << Int64(doublings), maxRetryDelayMs)
    }
}
