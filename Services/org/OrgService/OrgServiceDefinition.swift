import Foundation
import ServiceKit

/// The org service as `ServiceMain` runs it: port 7102, no peers (org is the root of
/// the dependency graph), its schema, and its handlers with the personal-data key.
public enum OrgServiceDefinition {
    /// Where the key that seals card numbers and citizen ids lives, unless
    /// `SOTAY_ORG_DATA_KEY_FILE` says otherwise. Same format as the token key file.
    public static let defaultDataKeyFile = "./data/org-data.key"

    public static let definition = ServiceDefinition(name: .org, migrations: OrgMigrations.all) { kit in
        let path = kit.variables[MemberVault.keyFileVariable] ?? defaultDataKeyFile
        let keys = try TokenKeyRing(contentsOfFile: path, variable: MemberVault.keyFileVariable)
        if let warning = KeyFilePermissions.warning(path: path, variable: MemberVault.keyFileVariable) {
            kit.logger.warning(warning)
        }
        let vault = try MemberVault(keys: keys)
        try await kit.database.write { connection in try ClearMemberPhones.seal(in: connection, vault: vault) }
        return [OrgHandlers(database: kit.database, vault: vault, clock: kit.clock)]
    }
}
