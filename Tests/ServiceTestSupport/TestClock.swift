import ServiceKit
import Synchronization

/// A wall clock moved by hand: expiry, windows, reminders and hourly caps are tested
/// by advancing it, never by sleeping. Hand `wall` to the services under test.
///
/// A stopped clock (the default) reads the same until moved, so a test can expect
/// exact instants; a running one follows the system's time plus what it was moved by,
/// for tests whose services also meet tokens signed elsewhere by the real clock.
public final class TestClock: Sendable {
    private let offsetMs: Mutex<Int64>
    private let running: Bool

    public init(startingAt startMs: Int64 = WallClock.system.nowMs, running: Bool = false) {
        self.running = running
        offsetMs = Mutex(running ? startMs - WallClock.system.nowMs : startMs)
    }

    public var wall: WallClock { WallClock { [self] in now } }

    public var now: Int64 { offsetMs.withLock { $0 } + (running ? WallClock.system.nowMs : 0) }

    public func advance(byMs milliseconds: Int64) {
        offsetMs.withLock { $0 += milliseconds }
    }

    public func set(toMs milliseconds: Int64) {
        offsetMs.withLock { $0 = milliseconds - (running ? WallClock.system.nowMs : 0) }
    }
}
