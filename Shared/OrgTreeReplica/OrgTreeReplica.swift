import OrgContracts
import RPC
import ServiceKit
import Synchronization

/// An in-memory copy of org's unit tree, kept current by following org's change feed,
/// so that auth, content, meeting, learning and feedback answer "is this unit under
/// that one?" without a call per question.
///
/// Reads never wait for I/O: the current tree is an immutable `OrgTree` value behind a
/// mutex, held only long enough to copy the reference, and the follower swaps in a new
/// value after each batch. A reader that asks several questions should take `tree`
/// once and ask them all of that value, which no batch can change under it.
///
/// Until the first snapshot has been loaded and caught up with the feed, the tree is
/// empty and `isReady` is false; a service that must not answer before then awaits
/// `waitUntilReady(timeout:)` at start.
public final class OrgTreeReplica: Sendable {
    private struct Published {
        var tree = OrgTree()
        var isReady = false
        var readyWaiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiterID = 0
    }

    private let published = Mutex(Published())
    private let follower = Mutex<Task<Void, Never>?>(nil)
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    // MARK: Reading

    /// The tree as of the last applied batch.
    public var tree: OrgTree { published.withLock { $0.tree } }

    /// The position in org's change feed that the tree reflects.
    public var sequence: Int64 { tree.sequence }

    /// Whether the tree has been loaded (snapshot plus the feed up to its end).
    public var isReady: Bool { published.withLock { $0.isReady } }

    public func unit(_ id: String) -> UnitSnapshot? { tree.unit(id) }

    public func ancestors(of id: String) -> [String]? { tree.ancestors(of: id) }

    public func isUnit(_ id: String, inSubtreeOf rootID: String) -> Bool { tree.isUnit(id, inSubtreeOf: rootID) }

    public func children(of id: String) -> [UnitSnapshot] { tree.children(of: id) }

    // MARK: Following the feed

    /// Loads the tree from org and follows its change feed until `stop()`, retrying
    /// failures forever. `callOptions` is asked before every call, so it can hand out
    /// a freshly signed token (see `ServiceCallCredentials`).
    public func start(
        client: OrgServiceClient, callOptions: @escaping @Sendable () throws -> CallOptions,
        pollInterval: Duration = .seconds(2)
    ) {
        // The follower holds the replica until stop(); a replica lives as long as its
        // service anyway.
        let feed = OrgTreeFollower(client: client, callOptions: callOptions, pollInterval: pollInterval,
                                   logger: logger, publish: { [self] tree in publish(tree) })
        follower.withLock { task in
            precondition(task == nil, "the org tree replica is already following the feed; stop() it first")
            task = Task { await feed.run() }
        }
    }

    /// Stops following the feed and returns once the follower has ended. The tree
    /// stays as it was and can still be read.
    public func stop() async {
        let task = follower.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await task?.value
    }

    /// Waits until the tree is ready; false when `timeout` passed first.
    @discardableResult
    public func waitUntilReady(timeout: Duration) async -> Bool {
        if isReady { return true }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.readiness() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first || isReady
        }
    }

    /// Swaps in `tree`: readers see it whole from now on. The first call makes the
    /// replica ready.
    func publish(_ tree: OrgTree) {
        let waiters = published.withLock { state in
            state.tree = tree
            state.isReady = true
            defer { state.readyWaiters = [:] }
            return state.readyWaiters.values
        }
        for waiter in waiters { waiter.resume(returning: true) }
    }

    /// Returns true once ready, or false when the waiting task is cancelled first.
    private func readiness() async -> Bool {
        let id = published.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let answerNow: Bool? = published.withLock { state in
                    if state.isReady { return true }
                    // Checked under the lock: a cancellation that ran its handler
                    // before this registration is seen here instead.
                    if Task.isCancelled { return false }
                    state.readyWaiters[id] = continuation
                    return nil
                }
                if let answerNow { continuation.resume(returning: answerNow) }
            }
        } onCancel: {
            published.withLock { $0.readyWaiters.removeValue(forKey: id) }?.resume(returning: false)
        }
    }
}
