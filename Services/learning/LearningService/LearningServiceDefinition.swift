import Foundation
import OrgContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit

/// The learning service as `ServiceMain` runs it: port 7105, following org's unit
/// tree (rights on subtrees, drill-down of statistics) and asking org for the member
/// counts the statistics are measured against.
public enum LearningServiceDefinition {
    struct OrgTreeNotLoaded: Error, CustomStringConvertible {
        var description: String { "the org unit tree did not load within a minute" }
    }

    public static let definition = ServiceDefinition(
        name: .learning, calls: [.org], migrations: LearningMigrations.all
    ) { kit in
        let org = OrgServiceClient(channel: kit.channel(to: .org))
        let credentials = ServiceCallCredentials(service: .learning, tokens: kit.tokens, clock: kit.clock)
        let replica = OrgTreeReplica(logger: kit.logger.with("component", "org-tree"))
        replica.start(client: org, callOptions: { try credentials.callOptions(timeout: .seconds(10)) })
        kit.onStop { await replica.stop() }
        guard await replica.waitUntilReady(timeout: .seconds(60)) else { throw OrgTreeNotLoaded() }
        return [LearningHandlers(database: kit.database, clock: kit.clock, tree: replica,
                                 memberCounts: OrgMemberCounts(org: org, credentials: credentials))]
    }
}
