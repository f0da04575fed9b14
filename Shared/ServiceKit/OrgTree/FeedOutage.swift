/// How the tree follower lives through org being unreachable: one warning when an
/// outage starts, one line when it ends, nothing in between however many retries it
/// takes, and retries spaced further apart the longer it lasts.
struct FeedOutage {
    /// Retries never wait longer than this (or the poll interval, if that is longer),
    /// so a replica catches up soon after org is back.
    static let maximumRetryDelay: Duration = .seconds(10)

    let logger: Logger
    let pollInterval: Duration
    private(set) var failures = 0

    init(logger: Logger, pollInterval: Duration) {
        self.logger = logger
        self.pollInterval = pollInterval
    }

    /// Records a failed call and answers how long to wait before the next one.
    mutating func failed(_ error: any Error) -> Duration {
        failures += 1
        if failures == 1 {
            logger.warning("cannot read org's tree feed; retrying until it answers", ["error": "\(error)"])
        }
        let growth = Double(1 << min(failures - 1, 16))
        let delay = min(pollInterval * growth, max(pollInterval, Self.maximumRetryDelay))
        // Spread so that the replicas of every service do not come back in lockstep.
        return delay * Double.random(in: 0.8...1.2)
    }

    /// Records a successful poll, ending an outage if there was one.
    mutating func ended(sequence: Int64) {
        guard failures > 0 else { return }
        logger.info("org's tree feed answers again", ["failed_attempts": "\(failures)", "sequence": "\(sequence)"])
        failures = 0
    }
}
