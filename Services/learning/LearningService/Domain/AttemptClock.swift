/// When an attempt's answers stop counting: the time limit (plus the member's extra
/// time) after the start, and no later than the quiz's close; the grace period lets
/// answers sent just before the deadline over a slow link still arrive.
struct AttemptClock: Sendable {
    let deadlineMs: Int64
    let graceMs: Int64

    /// `timeLimitSeconds` 0 means no limit: the quiz's close is the only deadline.
    init(startedAtMs: Int64, timeLimitSeconds: Int, extraSeconds: Int, graceSeconds: Int, closesAtMs: Int64) {
        let limited = timeLimitSeconds > 0
            ? startedAtMs + Int64(timeLimitSeconds + extraSeconds) * 1_000 : closesAtMs
        deadlineMs = min(limited, closesAtMs)
        graceMs = Int64(graceSeconds) * 1_000
    }

    init(deadlineMs: Int64, graceSeconds: Int) {
        self.deadlineMs = deadlineMs
        graceMs = Int64(graceSeconds) * 1_000
    }

    /// Whether an answer saved or a submit made at `nowMs` is in time.
    func isInTime(_ nowMs: Int64) -> Bool { nowMs <= deadlineMs + graceMs }
}
