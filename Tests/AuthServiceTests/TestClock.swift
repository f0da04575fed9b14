import ServiceKit
import Synchronization

/// The wall clock both services of a harness read, moved by hand: code expiry, the
/// hourly caps and token lifetimes are tested by advancing it, never by sleeping.
final class TestClock: Sendable {
    private let nowMs: Mutex<Int64>

    init(startingAt startMs: Int64 = WallClock.system.nowMs) {
        nowMs = Mutex(startMs)
    }

    var wall: WallClock { WallClock { [self] in now } }

    var now: Int64 { nowMs.withLock { $0 } }

    func advance(byMs milliseconds: Int64) {
        nowMs.withLock { $0 += milliseconds }
    }
}
