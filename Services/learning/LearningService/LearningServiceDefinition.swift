import Foundation
import OrgContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit
import StorePostgres

/// The learning service as `ServiceMain` runs it: port 7105, following org's unit
/// tree (rights on subtrees, drill-down of statistics) and asking org for the member
/// counts the statistics are measured against. Its data lives where
/// `SOTAY_LEARNING_DATABASE` says (`LearningStorage`).
public enum LearningServiceDefinition {
    /// The schema as it is created in a PostgreSQL database (for tools that count in it).
    public static let postgresMigrations = LearningMigrations.postgres
    public static let migrationLockKey = LearningStorage.migrationLockKey

    public static let definition = ServiceDefinition(
        name: .learning, calls: [.org], migrations: LearningMigrations.sqlite,
        ownVariables: [LearningStorage.databaseVariable, LearningStorage.connectionsVariable]
    ) { kit in
        let org = OrgServiceClient(channel: kit.channel(to: .org))
        let storage = try await LearningStorage.engine(for: kit)
        let replica = try await kit.followOrgTree()
        let handlers = LearningHandlers(storage: storage, clock: kit.clock, tree: replica,
                                        memberCounts: OrgMemberCounts(org: org, credentials: kit.serviceCredentials))
        return [handlers, LearningHomeHandlers(handlers: handlers)]
    }
}
