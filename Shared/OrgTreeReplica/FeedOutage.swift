import RPC
import ServiceKit

/// How the tree follower lives through org being unreachable: one warning when an
/// outage starts, one line when it ends, nothing in between however many retries it
/// takes, and retries spaced further apart the longer it lasts.
struct FeedOutage {
    /// Retries never wait longer than this (or the poll interval, if that is longer),
    /// so a replica catches up soon after org is back.
    static let maximumRetryDelay: Duration = .seconds(10)

    let logger: Logger
    /// Doubling from the poll interval, spread ±20% so that the replicas of every
    /// service do not come back in lockstep.
    private let backoff: Backoff
    private(set) var failures = 0

    init(logger: Logger, pollInterval: Duration) {
        self.logger = logger
        var backoff = Backoff()
        backoff.initial = pollInterval
        backoff.maximum = max(pollInterval, Self.maximumRetryDelay)
        backoff.multiplier = 2
        backoff.jitter = 0.2
        self.backoff = backoff
    }

    /// Records a failed call and answers how long to wait before the next one.
    mutating func failed(_ error: any Error) -> Duration {
        failures += 1
        if failures == 1 {
            logger.warning("cannot read org's tree feed; retrying until it answers", ["error": "\(error)"])
        }
        return .nanoseconds(Int64(clamping: backoff.delay(afterFailures: failures)))
    }

    /// Records a successful poll, ending an outage if there was one.
    mutating func ended(sequence: Int64) {
        guard failures > 0 else { return }
        logger.info("org's tree feed answers again", ["failed_attempts": "\(failures)", "sequence": "\(sequence)"])
        failures = 0
    }
}
