/// Something an event loop fires at a monotonic instant: a call's deadline, a
/// reconnect backoff, a drain's grace period, a housekeeping sweep.
///
/// A class so the loop's heap can remove it in O(log n) when the call finishes first
/// (it records its own position in the heap); calls subclass it to avoid a second
/// allocation per call. Used on its event loop's thread only.
class LoopTimer {
    /// CLOCK_MONOTONIC nanoseconds.
    fileprivate(set) var fireAt: UInt64 = 0
    /// Position in the owning loop's heap, or -1 when not scheduled.
    fileprivate var heapIndex = -1

    var isScheduled: Bool { heapIndex >= 0 }

    /// Runs on the loop thread when the instant has passed.
    func timerFired() {}
}

/// A timer that runs a closure: for the rare timers that are not per-call.
final class ClosureTimer: LoopTimer {
    private let action: () -> Void

    init(_ action: @escaping () -> Void) {
        self.action = action
    }

    override func timerFired() { action() }
}

/// A binary min-heap of timers ordered by `fireAt`.
struct TimerHeap {
    private var timers: [LoopTimer] = []

    var nextFireAt: UInt64? { timers.first?.fireAt }

    mutating func insert(_ timer: LoopTimer, at instant: UInt64) {
        if timer.isScheduled { remove(timer) }
        timer.fireAt = instant
        timer.heapIndex = timers.count
        timers.append(timer)
        siftUp(timers.count - 1)
    }

    mutating func remove(_ timer: LoopTimer) {
        let index = timer.heapIndex
        guard index >= 0, index < timers.count, timers[index] === timer else { return }
        timer.heapIndex = -1
        let last = timers.removeLast()
        if index < timers.count {
            timers[index] = last
            last.heapIndex = index
            siftDown(index)
            siftUp(last.heapIndex)
        }
    }

    /// Removes and returns the earliest timer if it is due at `now`.
    mutating func popDue(now: UInt64) -> LoopTimer? {
        guard let first = timers.first, first.fireAt <= now else { return nil }
        remove(first)
        return first
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard timers[child].fireAt < timers[parent].fireAt else { return }
            swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < timers.count else { return }
            var smallest = left
            if left + 1 < timers.count, timers[left + 1].fireAt < timers[left].fireAt { smallest = left + 1 }
            guard timers[smallest].fireAt < timers[parent].fireAt else { return }
            swapAt(parent, smallest)
            parent = smallest
        }
    }

    private mutating func swapAt(_ a: Int, _ b: Int) {
        timers.swapAt(a, b)
        timers[a].heapIndex = a
        timers[b].heapIndex = b
    }
}
