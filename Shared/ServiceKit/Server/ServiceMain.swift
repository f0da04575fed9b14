import AdminContracts
import Foundation
import RPC
import RPCContracts
import Store

/// Runs one service process: reads and checks the environment (docs/architecture.md §9), opens
/// the database and runs its migrations, serves the handlers with logging, metrics,
/// token verification and store-error mapping around them plus the admin RPCs, and
/// on SIGTERM/SIGINT drains through the RPC server's GOAWAY before closing the
/// database. A service's `main.swift` is one line: `await ServiceMain.run(definition)`.
public enum ServiceMain {
    /// Exit status for a configuration error (sysexits' EX_CONFIG).
    static let configurationErrorStatus = ConfigError.exitStatus

    public static func run(_ definition: ServiceDefinition) async -> Never {
        let running: RunningService
        do {
            running = try await start(definition)
        } catch {
            FileHandle.standardError.write(Data("sotay-\(definition.name.rawValue): \(error.description)\n".utf8))
            exit(error.exitStatus)
        }
        let signals = running.server.installSignalHandlers()
        let reload = running.reloadCertificatesOnHangUp()
        await running.waitUntilStopped()
        reload.cancel()
        signals.cancel()
        exit(0)
    }

    /// Starts the service and returns once it accepts calls. Tests call this with
    /// `SOTAY_LISTEN=127.0.0.1:0`, a temporary `SOTAY_DATA_DIR` and `.testSuite` tuning.
    public static func start(
        _ definition: ServiceDefinition,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logSink: LogSink = .standardError,
        clock: WallClock = .system,
        tuning: ServiceTuning = .production
    ) async throws(ServiceStartError) -> RunningService {
        let config: ServiceConfig
        let keys: TokenKeyRing
        do throws(ConfigError) {
            config = try ServiceConfig(service: definition.name, calls: definition.calls, environment: environment)
            keys = try TokenKeyRing(contentsOfFile: config.tokenKeyFile)
        } catch {
            throw ServiceStartError(description: "configuration error: \(error)", exitStatus: configurationErrorStatus)
        }
        let logger = Logger(service: definition.name.rawValue, minimumLevel: config.logLevel, sink: logSink)
        if let warning = KeyFilePermissions.warning(path: config.tokenKeyFile, variable: "SOTAY_TOKEN_KEY_FILE") {
            logger.warning(warning)
        }
        let database: Database
        do {
            database = try await Database.open(path: config.databasePath, migrations: definition.migrations,
                                               configuration: tuning.databaseConfiguration)
        } catch {
            throw ServiceStartError(description: "cannot open the database \(config.databasePath): \(error)", exitStatus: 1)
        }
        let channels = Dictionary(uniqueKeysWithValues: definition.calls.map { peer in
            (peer, config.channel(to: peer))
        })
        let kit = ServiceEnvironment(config: config, logger: logger, database: database,
                                     tokens: AccessTokenCodec(keyRing: keys), clock: clock, variables: environment,
                                     ownVariables: definition.ownVariables, channels: channels)
        let services: [any RPCService]
        do {
            services = try await definition.makeServices(kit)
        } catch let error as ConfigError {
            // A service's own key file missing or malformed is configuration, like the rest.
            await kit.close()
            throw ServiceStartError(description: "configuration error: \(error)", exitStatus: configurationErrorStatus)
        } catch {
            await kit.close()
            throw ServiceStartError(description: "cannot build the handlers: \(error)", exitStatus: 1)
        }
        // Every method the server will serve, so each has its series from the start.
        let metrics = MethodMetrics(
            methods: services.flatMap(\.methods).map(\.path) + AdminMethod.allPaths + [HealthMethod.check])
        var serverConfiguration = config.serverConfiguration
        if let loops = tuning.eventLoops { serverConfiguration.eventLoopCount = loops }
        let server = RPCServer(
            configuration: serverConfiguration,
            services: services + [AdminService(service: definition.name, metricsRegistry: metrics, database: database)],
            interceptors: [
                CallObservingInterceptor(logger: logger, metrics: metrics),
                AuthenticationInterceptor(tokens: kit.tokens, publicMethods: definition.publicMethods, clock: clock),
                StoreErrorInterceptor(),
            ],
            refusedCallObserver: metrics,
            tlsFailureObserver: TLSFailureLog(logger: logger))
        do {
            try server.start()
        } catch {
            await kit.close()
            throw ServiceStartError(description: "cannot start the server: \(error)", exitStatus: 1)
        }
        if config.tls == nil {
            logger.warning("TLS is off (SOTAY_TLS=off): serving and calling peers over plain TCP")
        }
        logger.info("serving", ["listen": "\(config.listen.host):\(server.port)", "data": config.dataDirectory,
                                "tls": config.tls == nil ? "off" : "on"])
        return RunningService(server: server, environment: kit)
    }
}

/// Why a service could not start; `exitStatus` is what its process exits with.
public struct ServiceStartError: Error, CustomStringConvertible {
    public let description: String
    public let exitStatus: Int32
}

/// A started service: its server and what its handlers were built from.
public struct RunningService: Sendable {
    public let server: RPCServer
    public let environment: ServiceEnvironment

    /// The port it listens on (the one it got, when configured with port 0).
    public var port: Int { server.port }

    /// Returns once the server has stopped (after a signal or `stop()`) and drained,
    /// with the database closed.
    public func waitUntilStopped() async {
        await server.waitUntilStopped()
        await environment.close()
        environment.logger.info("stopped")
    }

    /// Drains gracefully, as on SIGTERM, then closes the database.
    public func stop() async {
        server.shutdownGracefully()
        await waitUntilStopped()
    }
}
