import Foundation
import OrgContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit

/// The feedback service as `ServiceMain` runs it: port 7106, following org's tree,
/// its schema, its handlers, the outbox that tells members of each change, and the
/// background escalation sweep.
public enum FeedbackServiceDefinition {
    public static let definition = ServiceDefinition(
        name: .feedback, calls: [.org], migrations: FeedbackMigrations.all,
        ownVariables: [ServiceName.feedback.dataKeyFileVariable, EscalationSweeper.intervalVariable]
    ) { kit in
        // Read first: a missing key stops the start before anything runs (exit 78).
        // `SOTAY_FEEDBACK_DATA_KEY_FILE`: the keys sealing the outbox's notices at rest.
        let dataKeys = try kit.dataKeys()
        let intervalText = kit.variable(EscalationSweeper.intervalVariable) ?? "\(EscalationSweeper.defaultIntervalMs)"
        guard let intervalMs = Int64(intervalText), intervalMs > 0 else {
            throw ConfigError(variable: EscalationSweeper.intervalVariable,
                              problem: "must be a positive number of milliseconds, not \(intervalText)")
        }
        let replica = try await kit.followOrgTree()
        let outbox = try Outbox(keys: dataKeys)
        // Without a gateway, notices go to `<data dir>/outbox.txt`, which `sotay outbox` prints.
        let outboxFile = URL(fileURLWithPath: kit.config.dataDirectory).appendingPathComponent("outbox.txt")
        let deliverer = OutboxDeliverer(database: kit.database, outbox: outbox,
                                        transport: FileOutboxTransport(file: outboxFile), clock: kit.clock,
                                        logger: kit.logger)
        deliverer.start()
        kit.onStop { await deliverer.stop() }
        let sweeper = EscalationSweeper(sweep: EscalationSweep(database: kit.database, outbox: outbox), replica: replica,
                                        clock: kit.clock, intervalMs: intervalMs, logger: kit.logger)
        sweeper.start()
        kit.onStop { await sweeper.stop() }
        let handlers = FeedbackHandlers(database: kit.database, clock: kit.clock, replica: replica, outbox: outbox,
                                        deliverer: deliverer)
        return [handlers, FeedbackHomeHandlers(handlers: handlers)]
    }
}
