import Foundation
import RPC
import Store

/// A service's handlers built as `ServiceMain.start` builds them (same environment,
/// database, migrations, token codec), but called directly: the token check, then the
/// method's decode, handler and encode, with no server, transport, logging or metrics
/// around them. bench-service divides a real process's CPU per call by this one's to
/// report what the RPC stack adds (docs/benchmarks.md).
public final class InProcessService: Sendable {
    private let kit: ServiceEnvironment
    private let methods: [String: RPCMethod]
    private let authentication: AuthenticationInterceptor

    private init(kit: ServiceEnvironment, methods: [String: RPCMethod], authentication: AuthenticationInterceptor) {
        self.kit = kit
        self.methods = methods
        self.authentication = authentication
    }

    /// Opens the database named by `environment` (as the service would) and builds the handlers.
    public static func open(_ definition: ServiceDefinition, environment: [String: String]) async throws -> InProcessService {
        let config = try ServiceConfig(service: definition.name, calls: definition.calls, environment: environment)
        let keys = try TokenKeyRing(contentsOfFile: config.tokenKeyFile)
        let logger = Logger(service: definition.name.rawValue, minimumLevel: config.logLevel)
        let database = try await Database.open(path: config.databasePath, migrations: definition.migrations)
        let channels = Dictionary(uniqueKeysWithValues: definition.calls.map { peer in
            (peer, config.channel(to: peer))
        })
        let kit = ServiceEnvironment(config: config, logger: logger, database: database, tokens: AccessTokenCodec(keyRing: keys),
                                     clock: .system, variables: environment, ownVariables: definition.ownVariables,
                                     channels: channels)
        let services: [any RPCService]
        do {
            services = try await definition.makeServices(kit)
        } catch {
            await kit.close()
            throw error
        }
        let methods = Dictionary(services.flatMap(\.methods).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        return InProcessService(kit: kit, methods: methods,
                                authentication: AuthenticationInterceptor(tokens: kit.tokens, publicMethods: definition.publicMethods))
    }

    /// One call: the token in `metadata` checked, then the method run on `payload`.
    public func call(_ path: String, payload: [UInt8], metadata: [String: String]) async throws -> [UInt8] {
        guard let method = methods[path] else { throw RPCError(.unimplemented, "no method \(path)") }
        return try await authentication.intercept(CallContext(method: path, metadata: metadata)) { context in
            try await method.invoke(payload, context: context)
        }
    }

    /// Runs the stop actions and closes the peer channels and the database.
    public func close() async {
        await kit.close()
    }
}
