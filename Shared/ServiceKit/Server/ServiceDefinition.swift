import RPC
import Store
import Synchronization

/// What makes one service: its name, the peers it calls, its schema, the methods it
/// serves without a token, and how to build its handlers once the kit has opened its
/// database. A service's executable passes this to `ServiceMain.run`.
public struct ServiceDefinition: Sendable {
    public let name: ServiceName
    public let calls: [ServiceName]
    public let migrations: [Migration]
    /// Method paths callable without an access token (Health/Check always is).
    public let publicMethods: Set<String>
    /// The variables this service reads beyond the common ones (`ServiceConfig.variables`),
    /// each documented in its README; `ServiceEnvironment.variable(_:)` reads only these.
    public let ownVariables: Set<String>
    public let makeServices: @Sendable (ServiceEnvironment) async throws -> [any RPCService]

    public init(
        name: ServiceName, calls: [ServiceName] = [], migrations: [Migration], publicMethods: Set<String> = [],
        ownVariables: Set<String> = [],
        makeServices: @escaping @Sendable (ServiceEnvironment) async throws -> [any RPCService]
    ) {
        self.name = name
        self.calls = calls
        self.migrations = migrations
        self.publicMethods = publicMethods
        self.ownVariables = ownVariables
        self.makeServices = makeServices
    }
}

/// What a service's handlers are built from: its configuration, logger, database,
/// token codec, clock and one channel per peer it calls.
public final class ServiceEnvironment: Sendable {
    public let config: ServiceConfig
    public let logger: Logger
    public let database: Database
    public let tokens: AccessTokenCodec
    public let clock: WallClock
    /// The process's environment; a service reads its own variables with `variable(_:)`.
    private let variables: [String: String]
    private let ownVariables: Set<String>
    private let channels: [ServiceName: RPCChannel]
    private let stopActions = Mutex<[@Sendable () async -> Void]>([])

    init(config: ServiceConfig, logger: Logger, database: Database, tokens: AccessTokenCodec, clock: WallClock,
         variables: [String: String], ownVariables: Set<String>, channels: [ServiceName: RPCChannel]) {
        self.variables = variables
        self.ownVariables = ownVariables
        self.config = config
        self.logger = logger
        self.database = database
        self.tokens = tokens
        self.clock = clock
        self.channels = channels
    }

    /// One of the service's own variables (declared in its definition's `ownVariables`,
    /// so that deployment files can be checked against what the service reads).
    public func variable(_ name: String) -> String? {
        precondition(ownVariables.contains(name), "\(name) is not in this service's ownVariables; declare it in its ServiceDefinition")
        return variables[name]
    }

    /// The keys that seal this service's personal data at rest, from the file its
    /// `SOTAY_<SERVICE>_DATA_KEY_FILE` names (default `./data/<service>-data.key`); a
    /// missing or malformed file is a configuration error naming the variable, and a
    /// file others can read is warned about. The variable is one of the service's
    /// `ownVariables`: only the services that seal data read it.
    public func dataKeys() throws(ConfigError) -> TokenKeyRing {
        let variable = config.service.dataKeyFileVariable
        let path = self.variable(variable) ?? config.service.defaultDataKeyFile
        if let warning = KeyFilePermissions.warning(path: path, variable: variable) { logger.warning(warning) }
        return try TokenKeyRing(contentsOfFile: path, variable: variable)
    }

    /// Runs `action` when the service stops, after the server has drained and before
    /// the database closes: stopping a tree replica, flushing a queue.
    public func onStop(_ action: @escaping @Sendable () async -> Void) {
        stopActions.withLock { $0.append(action) }
    }

    /// Runs the stop actions, then closes the peer channels and the database (after
    /// the server has stopped).
    func close() async {
        let actions = stopActions.withLock { actions in
            defer { actions = [] }
            return actions
        }
        for action in actions { await action() }
        for channel in channels.values { channel.close() }
        await database.close()
    }

    /// The channel to a peer named in the definition's `calls`.
    public func channel(to peer: ServiceName) -> RPCChannel {
        guard let channel = channels[peer] else {
            preconditionFailure("\(peer.rawValue) is not in this service's `calls`; add it to its ServiceDefinition")
        }
        return channel
    }
}
