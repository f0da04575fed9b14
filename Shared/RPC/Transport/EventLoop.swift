import CEpoll
import Foundation
import Glibc

/// Receives readiness events for a descriptor registered with an event loop.
protocol EventHandler: AnyObject {
    /// Called on the loop thread with the epoll event bits.
    func handleEvents(_ events: UInt32)
}

/// Something with buffered output that the loop writes once per iteration, so that all
/// responses produced in one iteration leave in one write.
protocol OutputFlusher: AnyObject {
    func flushOutput()
}

/// One epoll loop on its own thread, and the executor that handler tasks prefer.
///
/// Everything registered with a loop (sockets, timers, connection state) is touched
/// only on the loop's thread. Work from other threads arrives through `execute` or
/// `enqueue`, which take a lock and wake the loop through an eventfd at most once per
/// iteration. As a `TaskExecutor`, the loop runs the jobs of tasks that prefer it
/// between its I/O passes: a handler started by the loop (with `Task.immediate`, so it
/// runs at once until it first suspends) resumes on the loop's thread without a hop,
/// and its response is written in the same iteration it is produced.
final class EventLoop: TaskExecutor, @unchecked Sendable {
    // Safety (@unchecked Sendable): the stored properties below marked "loop thread"
    // are read and written only on the loop's own thread (the public entry points
    // either assert `inEventLoop` or move the work there through `remote`); `remote`
    // is guarded by its lock; the descriptors and `threadID` are set before the
    // initializer returns and never change afterwards.
    private enum Work {
        case job(UnownedJob)
        case closure(() -> Void)
    }

    private struct Remote {
        var work: [Work] = []
        /// An eventfd write is outstanding; later producers need not write again.
        var wakePending = false
    }

    private struct Registration {
        var handler: EventHandler?
        var generation: UInt32 = 0
    }

    private static let wakeToken = UInt64.max
    private static let eventCapacity = 512
    /// Jobs run per iteration before the loop polls I/O again, so a flood of ready
    /// tasks cannot starve the sockets.
    private static let jobBudget = 4096

    let name: String
    private let epollFD: Int32
    private let wakeFD: Int32
    private var threadID = pthread_t()
    private let remote = Lock(Remote())

    // Loop thread.
    private var running = true
    private var localWork: [Work] = []
    private var workInProgress: [Work] = []
    /// Put off to the next iteration (`executeNextTurn`), and what the current one took.
    private var nextTurnWork: [Work] = []
    /// Counts the loop's iterations: work that shares a turn (`AddressTurnShare`) knows
    /// when a new one has begun. Read and written on the loop thread only.
    private(set) var turn: UInt64 = 0
    private var thisTurnWork: [Work] = []
    private var registrations: [Registration] = []
    private var freeSlots: [Int] = []
    private var timers = TimerHeap()
    private var flushers: [OutputFlusher] = []
    private let events: UnsafeMutablePointer<epoll_event>
    /// Where connections on this loop read into; the bytes are valid only until the
    /// next read on this loop (complete frames are decoded before that, the tail of an
    /// incomplete one is copied aside by the frame reader).
    let readBuffer: UnsafeMutableRawBufferPointer

    /// Starts a loop on a new thread and returns once the thread runs.
    static func start(name: String) throws(SystemError) -> EventLoop {
        let loop = try EventLoop(name: name)
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread {
            loop.threadID = pthread_self()
            ready.signal()
            loop.run()
        }
        thread.name = name
        thread.start()
        ready.wait()
        return loop
    }

    private init(name: String) throws(SystemError) {
        self.name = name
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw SystemError(operation: "epoll_create1", errno: errno) }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            let error = SystemError(operation: "eventfd", errno: errno)
            Glibc.close(epollFD)
            throw error
        }
        events = .allocate(capacity: EventLoop.eventCapacity)
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = EventLoop.wakeToken
        epoll_ctl(epollFD, EPOLL_CTL_ADD, wakeFD, &event)
    }

    deinit {
        Glibc.close(wakeFD)
        Glibc.close(epollFD)
        events.deallocate()
        readBuffer.deallocate()
    }

    var inEventLoop: Bool { pthread_equal(pthread_self(), threadID) != 0 }

    // MARK: - Work from any thread

    /// Runs `body` on the loop thread: later in this iteration when called on the
    /// loop, otherwise as soon as the loop wakes.
    func execute(_ body: @escaping @Sendable () -> Void) {
        submit(.closure(body))
    }

    /// Runs `body` now when already on the loop thread, otherwise like `execute`.
    @inline(__always)
    func executeOrRun(_ body: @escaping @Sendable () -> Void) {
        if inEventLoop { body() } else { submit(.closure(body)) }
    }

    /// Runs `body` on the loop thread in the next iteration, after the sockets ready
    /// then have been served: how a connection with more work than one turn's share
    /// steps aside for the others. Loop thread only.
    func executeNextTurn(_ body: @escaping () -> Void) {
        assert(inEventLoop)
        nextTurnWork.append(.closure(body))
    }

    func enqueue(_ job: consuming ExecutorJob) {
        submit(.job(UnownedJob(job)))
    }

    private func submit(_ work: Work) {
        if inEventLoop {
            localWork.append(work)
            return
        }
        let mustWake = remote.withLock { remote -> Bool in
            remote.work.append(work)
            if remote.wakePending { return false }
            remote.wakePending = true
            return true
        }
        if mustWake {
            var one: UInt64 = 1
            _ = Glibc.write(wakeFD, &one, 8)
        }
    }

    /// Ends the loop after the current iteration; its thread then exits.
    func stop() {
        execute { [self] in running = false }
    }

    // MARK: - Descriptors (loop thread)

    /// A handle to a registration; events for a replaced registration are dropped.
    struct RegistrationID: Equatable {
        fileprivate let slot: Int
        fileprivate let generation: UInt32
        fileprivate var token: UInt64 { UInt64(generation) << 32 | UInt64(slot) }
    }

    func register(fd: Int32, events: UInt32, handler: EventHandler) throws(SystemError) -> RegistrationID {
        assert(inEventLoop)
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = registrations.count
            registrations.append(Registration())
        }
        registrations[slot].handler = handler
        let id = RegistrationID(slot: slot, generation: registrations[slot].generation)
        var event = epoll_event()
        event.events = events
        event.data.u64 = id.token
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
            let error = SystemError(operation: "epoll_ctl add", errno: errno)
            release(slot)
            throw error
        }
        return id
    }

    func modify(fd: Int32, id: RegistrationID, events: UInt32) {
        assert(inEventLoop)
        var event = epoll_event()
        event.events = events
        event.data.u64 = id.token
        epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    /// Removes the descriptor from epoll; the caller closes it afterwards.
    func deregister(fd: Int32, id: RegistrationID) {
        assert(inEventLoop)
        epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, nil)
        if id.slot < registrations.count, registrations[id.slot].generation == id.generation {
            release(id.slot)
        }
    }

    private func release(_ slot: Int) {
        registrations[slot].handler = nil
        registrations[slot].generation &+= 1
        freeSlots.append(slot)
    }

    // MARK: - Timers and flushes (loop thread)

    func schedule(_ timer: LoopTimer, at instant: UInt64) {
        assert(inEventLoop)
        timers.insert(timer, at: instant)
    }

    @discardableResult
    func schedule(after nanoseconds: UInt64, _ action: @escaping () -> Void) -> ClosureTimer {
        let timer = ClosureTimer(action)
        schedule(timer, at: MonotonicClock.now() &+ nanoseconds)
        return timer
    }

    func cancel(_ timer: LoopTimer) {
        assert(inEventLoop)
        timers.remove(timer)
    }

    /// Asks for `flusher.flushOutput()` at the end of this iteration; the caller keeps
    /// its own flag so it asks once per iteration.
    func requestFlush(_ flusher: OutputFlusher) {
        assert(inEventLoop)
        flushers.append(flusher)
    }

    // MARK: - The loop

    private func run() {
        while running {
            turn &+= 1
            swap(&nextTurnWork, &thisTurnWork)
            let ready = epoll_wait(epollFD, events, Int32(EventLoop.eventCapacity), nextTimeout())
            if ready > 0 {
                for index in 0..<Int(ready) {
                    let token = events[index].data.u64
                    if token == EventLoop.wakeToken {
                        var value: UInt64 = 0
                        _ = Glibc.read(wakeFD, &value, 8)
                        continue
                    }
                    let slot = Int(token & 0xFFFF_FFFF)
                    guard slot < registrations.count,
                          registrations[slot].generation == UInt32(truncatingIfNeeded: token >> 32),
                          let handler = registrations[slot].handler else { continue }
                    handler.handleEvents(events[index].events)
                }
            }
            if !thisTurnWork.isEmpty {
                localWork.append(contentsOf: thisTurnWork)
                thisTurnWork.removeAll(keepingCapacity: true)
            }
            takeRemoteWork()
            fireDueTimers()
            runLocalWork()
            flush()
        }
    }

    private func nextTimeout() -> Int32 {
        if !localWork.isEmpty || !flushers.isEmpty || !thisTurnWork.isEmpty { return 0 }
        guard let next = timers.nextFireAt else { return -1 }
        let now = MonotonicClock.now()
        if next <= now { return 0 }
        let milliseconds = (next - now + 999_999) / 1_000_000
        return Int32(clamping: milliseconds)
    }

    private func takeRemoteWork() {
        let work = remote.withLock { remote -> [Work] in
            remote.wakePending = false
            if remote.work.isEmpty { return [] }
            let taken = remote.work
            remote.work.removeAll(keepingCapacity: true)
            return taken
        }
        if !work.isEmpty { localWork.append(contentsOf: work) }
    }

    private func fireDueTimers() {
        guard timers.nextFireAt != nil else { return }
        let now = MonotonicClock.now()
        while let timer = timers.popDue(now: now) {
            timer.timerFired()
        }
    }

    private func runLocalWork() {
        var ran = 0
        while !localWork.isEmpty && ran < EventLoop.jobBudget {
            swap(&localWork, &workInProgress)
            for work in workInProgress {
                switch work {
                case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
                case .closure(let body): body()
                }
            }
            ran += workInProgress.count
            workInProgress.removeAll(keepingCapacity: true)
        }
    }

    private func flush() {
        while !flushers.isEmpty {
            let pending = flushers
            flushers.removeAll(keepingCapacity: true)
            for flusher in pending { flusher.flushOutput() }
        }
    }
}
