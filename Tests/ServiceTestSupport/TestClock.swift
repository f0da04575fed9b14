import ServiceKit
import Synchronization

/// A wall clock moved by hand: expiry, windows, reminders and hourly caps are tested
/// by advancing it, never by sleeping. Hand `wall` to the services under test.
public final class TestClock: Sendable {
    private let nowMs: Mutex<Int64>

    public init(startingAt startMs: Int64 = WallClock.system.nowMs) {
        nowMs = Mutex(startMs)
    }

    public var wall: WallClock { WallClock { [self] in now } }

    public var now: Int64 { nowMs.withLock { $0 } }

    public func advance(byMs milliseconds: Int64) {
        nowMs.withLock { $0 += milliseconds }
    }

    public func set(toMs milliseconds: Int64) {
        nowMs.withLock { $0 = milliseconds }
    }
}
