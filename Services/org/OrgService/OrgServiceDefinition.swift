import Foundation
import ServiceKit

/// The org service as `ServiceMain` runs it: port 7102, no peers (org is the root of
/// the dependency graph), its schema, and its handlers with the personal-data key.
public enum OrgServiceDefinition {
    public static let definition = ServiceDefinition(
        name: .org, migrations: OrgMigrations.all, ownVariables: [ServiceName.org.dataKeyFileVariable]
    ) { kit in
        // `SOTAY_ORG_DATA_KEY_FILE`: the keys sealing card numbers, citizen ids and phones.
        let keys = try kit.dataKeys()
        let vault = try MemberVault(keys: keys)
        try await kit.database.write { connection in try ClearMemberPhones.seal(in: connection, vault: vault) }
        return [OrgHandlers(database: kit.database, vault: vault, clock: kit.clock, logger: kit.logger)]
    }
}
