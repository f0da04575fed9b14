import OrgTreeReplica
import ServiceKit
import Synchronization

/// Runs the escalation sweep in the background every `intervalMs`
/// (`SOTAY_FEEDBACK_SWEEP_INTERVAL_MS`, a minute by default), on the tree the replica
/// holds at the time and the service's clock.
final class EscalationSweeper: Sendable {
    static let intervalVariable = "SOTAY_FEEDBACK_SWEEP_INTERVAL_MS"
    static let defaultIntervalMs: Int64 = 60_000

    private let sweep: EscalationSweep
    private let replica: OrgTreeReplica
    private let clock: WallClock
    private let intervalMs: Int64
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(sweep: EscalationSweep, replica: OrgTreeReplica, clock: WallClock, intervalMs: Int64, logger: Logger) {
        self.sweep = sweep
        self.replica = replica
        self.clock = clock
        self.intervalMs = intervalMs
        self.logger = logger
    }

    func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(intervalMs))
                    guard !Task.isCancelled, replica.isReady else { continue }
                    do {
                        let raised = try await sweep.run(tree: replica.tree, nowMs: clock.nowMs)
                        if raised > 0 { logger.info("escalated overdue items", ["count": "\(raised)"]) }
                    } catch {
                        logger.error("escalation sweep failed; next round retries", ["error": "\(error)"])
                    }
                }
            }
        }
    }

    func stop() async {
        let running = task.withLock { task in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }
}
