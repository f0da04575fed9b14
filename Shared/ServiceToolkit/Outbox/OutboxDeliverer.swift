import ServiceKit
import Store
import Synchronization

/// Delivers what committed transactions put in the outbox, in its own task, so a slow
/// gateway never holds the write transaction. Each round reads at most a batch of due
/// messages, hands them to the transport, deletes the delivered ones and pushes each
/// failed one back with a growing delay; rounds follow one another while a batch comes
/// back full, then wait for `wake()` or the idle wait. Messages left by a crash are
/// delivered by the first round after the restart. Delivery is at least once: a crash
/// after the transport accepted a message and before its row was deleted sends it
/// again, with the same id.
public final class OutboxDeliverer: Sendable {
    private let database: Database
    private let outbox: Outbox
    private let transport: any OutboxTransport
    private let policy: OutboxPolicy
    private let clock: WallClock
    private let logger: Logger
    private let doorbell = Doorbell()
    private let stopping = Atomic<Bool>(false)
    private let worker = Mutex<Task<Void, Never>?>(nil)

    public init(database: Database, outbox: Outbox, transport: any OutboxTransport,
                policy: OutboxPolicy = OutboxPolicy(), clock: WallClock = .system, logger: Logger) {
        self.database = database
        self.outbox = outbox
        self.transport = transport
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// Starts the delivery task; its first round delivers whatever a previous run left.
    public func start() {
        worker.withLock { worker in
            guard worker == nil, !stopping.load(ordering: .acquiring) else { return }
            worker = Task { [self] in await run() }
        }
    }

    /// Tells the deliverer that a transaction which enqueued has committed.
    public func wake() {
        doorbell.ring()
    }

    /// Lets the round in progress finish (a message being handed over is not cut off),
    /// then ends the task. Undelivered messages stay for the next start.
    public func stop() async {
        stopping.store(true, ordering: .releasing)
        doorbell.ring()
        let task = worker.withLock { $0 }
        await task?.value
    }

    private func run() async {
        while !stopping.load(ordering: .acquiring) {
            let full = await round()
            if !full { await doorbell.wait(upToMs: policy.idleWaitMs) }
        }
    }

    /// One batch; true when it was full (more may be due at once).
    private func round() async -> Bool {
        let now = clock.nowMs
        let (batchSize, outbox) = (policy.batchSize, self.outbox)
        let rows: [Row]
        do {
            rows = try await database.read { connection in
                try connection.query(
                    """
                    SELECT \(Outbox.columns) FROM outbox_messages WHERE next_attempt_at_ms <= ?
                    ORDER BY next_attempt_at_ms, id LIMIT ?
                    """,
                    [now, Int64(batchSize)])
            }
        } catch {
            logger.error("outbox: cannot read due messages", ["error": "\(error)"])
            return false
        }
        var delivered: [String] = []
        var failed: [(id: String, attempts: Int)] = []
        for row in rows {
            guard let id = try? row.get(0, as: String.self), let attempts = try? row.get(5, as: Int64.self) else { continue }
            do {
                try await transport.deliver(try outbox.open(row))
                delivered.append(id)
            } catch {
                // The message id only: the recipient and the body are personal data.
                logger.warning("outbox: delivery failed; will retry",
                               ["message_id": id, "attempt": String(attempts + 1), "error": "\(type(of: error))"])
                failed.append((id, Int(attempts) + 1))
            }
        }
        let (policy, deliveredIDs, failures) = (self.policy, delivered, failed)
        do {
            try await database.write { connection in
                for id in deliveredIDs { try connection.execute("DELETE FROM outbox_messages WHERE id = ?", [id]) }
                for (id, attempts) in failures {
                    try connection.execute(
                        "UPDATE outbox_messages SET attempts = ?, next_attempt_at_ms = ? WHERE id = ?",
                        [Int64(attempts), now + policy.retryDelayMs(afterAttempts: attempts), id])
                }
            }
        } catch {
            logger.error("outbox: cannot record deliveries; they will be sent again", ["error": "\(error)"])
            return false
        }
        return rows.count == batchSize
    }
}
