/// An instant on the monotonic clock by which a call must finish.
///
/// Deadlines travel between processes as the remaining time (`timeout_ms` on the
/// wire), never as a wall-clock instant, so clocks of different machines never need
/// to agree.
public struct Deadline: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// CLOCK_MONOTONIC nanoseconds.
    let uptimeNanoseconds: UInt64

    init(uptimeNanoseconds: UInt64) {
        self.uptimeNanoseconds = uptimeNanoseconds
    }

    public static var now: Deadline { Deadline(uptimeNanoseconds: MonotonicClock.now()) }

    /// `duration` from now (a negative duration is now).
    public static func after(_ duration: Duration) -> Deadline {
        let (sum, overflow) = MonotonicClock.now().addingReportingOverflow(duration.saturatingNanoseconds)
        return Deadline(uptimeNanoseconds: overflow ? .max : sum)
    }

    /// Time left, never negative.
    public var remaining: Duration {
        let now = MonotonicClock.now()
        guard uptimeNanoseconds > now else { return .zero }
        return .nanoseconds(Int64(clamping: uptimeNanoseconds - now))
    }

    public var hasPassed: Bool { MonotonicClock.now() >= uptimeNanoseconds }

    /// The remaining time as `timeout_ms` for the wire: rounded up, so a call with
    /// 0.4 ms left is not sent as "no deadline" (0).
    var remainingMillisecondsForWire: UInt64 {
        let now = MonotonicClock.now()
        guard uptimeNanoseconds > now else { return 1 }
        return Swift.max(1, (uptimeNanoseconds - now + 999_999) / 1_000_000)
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool {
        lhs.uptimeNanoseconds < rhs.uptimeNanoseconds
    }

    public var description: String { "deadline in \(remaining)" }
}
