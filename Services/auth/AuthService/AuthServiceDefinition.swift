import Foundation
import OrgContracts
import OrgTreeReplica
import RPC
import ServiceKit
import ServiceToolkit

/// The auth service as `ServiceMain` runs it: port 7101, calling org, its schema,
/// its public methods, and its handlers with the tree replica it follows.
public enum AuthServiceDefinition {
    /// `SOTAY_AUTH_TRUSTED_PROXIES`: comma-separated IP addresses of gateways whose
    /// `client-address` metadata is believed for rate limits. Empty by default.
    static let trustedProxiesVariable = "SOTAY_AUTH_TRUSTED_PROXIES"

    public static let definition = ServiceDefinition(
        name: .auth, calls: [.org], migrations: AuthMigrations.all, publicMethods: AuthHandlers.publicMethods,
        ownVariables: [ServiceName.auth.dataKeyFileVariable, trustedProxiesVariable]
    ) { kit in
        // Read first: a missing key stops the start before anything runs (exit 78).
        // `SOTAY_AUTH_DATA_KEY_FILE`: the keys sealing auth's phones and its outbox at rest.
        let dataKeys = try kit.dataKeys()
        let org = OrgServiceClient(channel: kit.channel(to: .org))
        let credentials = ServiceCallCredentials(service: .auth, tokens: kit.tokens, clock: kit.clock)
        let replica = OrgTreeReplica(logger: kit.logger)
        replica.start(client: org, callOptions: { try credentials.callOptions() })
        kit.onStop { await replica.stop() }
        let outbox = try Outbox(keys: dataKeys)
        let phones = try PhoneVault(keys: dataKeys)
        try await kit.database.write { connection in try ClearPhones.seal(in: connection, phones: phones) }
        // Without a gateway, messages go to `<data dir>/outbox.txt`, which `sotay outbox` prints.
        let outboxFile = URL(fileURLWithPath: kit.config.dataDirectory).appendingPathComponent("outbox.txt")
        let deliverer = OutboxDeliverer(database: kit.database, outbox: outbox,
                                        transport: FileOutboxTransport(file: outboxFile), clock: kit.clock,
                                        logger: kit.logger)
        deliverer.start()
        kit.onStop { await deliverer.stop() }
        let proxies = (kit.variable(trustedProxiesVariable) ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return [AuthHandlers(
            database: kit.database, directory: OrgDirectory(org: org, credentials: credentials), tree: replica,
            issuer: TokenIssuer(tokens: kit.tokens, policy: TokenPolicy()), hasher: try CodeHasher(keys: kit.tokens.keyRing),
            outbox: outbox, phones: phones, deliverer: deliverer, codePolicy: CodePolicy(), clock: kit.clock,
            trustedProxies: Set(proxies))]
    }
}
