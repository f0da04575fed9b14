import Foundation
import RPC
import ServiceKit
import Synchronization

/// What the services of one test share: a temporary folder, the token key and the
/// services' data keys in it (0600), a clock moved by hand, and token helpers. The
/// services started through it are stopped, and the folder removed, by `stop()`;
/// `withTestEnvironment` does that whether the test returns or throws.
public final class TestEnvironment: Sendable {
    public let folder: TemporaryFolder
    public let clock: TestClock
    public let tokens: TestTokens
    public let tokenKeyFile: String
    /// The suite's certificates, when this environment runs its services with TLS
    /// (`tls: true`); nil: they run with `SOTAY_TLS=off`.
    public let certificates: SuiteCertificates?
    private let started = Mutex<[ServiceUnderTest]>([])

    /// The key files every service may read, by the variable naming each, with the id
    /// of the one key each starts with: the token key and each service's data key.
    public static let keyFiles: [String: (file: String, keyID: String)] = Dictionary(
        uniqueKeysWithValues: [("SOTAY_TOKEN_KEY_FILE", ("token.key", "k1"))] + ServiceName.allCases.map { service in
            (service.dataKeyFileVariable, ("\(service.rawValue)-data.key", service.firstDataKeyID))
        })

    /// A new environment; with `template`, a copy of that folder (keys and service
    /// data), so a fixture built once serves many tests (`Fixtures`).
    /// With `tls`, a certificate authority and the services' certificates as `sotay up`
    /// makes them, and services and channels that use them.
    public init(_ prefix: String, copying template: URL? = nil, clock: TestClock = TestClock(), tls: Bool = false) throws {
        folder = try TemporaryFolder.make(prefix)
        if let template {
            for name in try FileManager.default.contentsOfDirectory(atPath: template.path) {
                try FileManager.default.copyItem(at: template.appendingPathComponent(name),
                                                 to: folder.url.appendingPathComponent(name))
            }
        } else {
            for (file, keyID) in Self.keyFiles.values { try KeyFiles.write(folder.path(file), ids: [keyID]) }
        }
        tokenKeyFile = folder.path("token.key")
        certificates = tls ? try SuiteCertificates.ensure(in: folder.url) : nil
        self.clock = clock
        tokens = try TestTokens(keyFile: tokenKeyFile, clock: clock.wall)
    }

    /// The environment a service of this test starts with: its own data folder, the
    /// key files, and the addresses of `peers`; `extra` adds or overrides variables.
    public func environment(for name: ServiceName, peers: [ServiceUnderTest] = [],
                            extra: [String: String] = [:]) -> [String: String] {
        var variables = [
            "SOTAY_LISTEN": "127.0.0.1:0",
            "SOTAY_DATA_DIR": folder.path(name.rawValue),
        ]
        for (variable, key) in Self.keyFiles { variables[variable] = folder.path(key.file) }
        for peer in peers { variables[peer.name.addressVariable] = "127.0.0.1:\(peer.port)" }
        variables.merge(certificates?.environment ?? [SuiteTLS.switchVariable: "off"]) { _, tls in tls }
        return variables.merging(extra) { _, given in given }
    }

    /// Starts `definition` in-process with the environment above, this test's clock and
    /// the test suites' tuning (`ServiceTuning.testSuite`: one loop, no fsync per commit).
    public func start(_ definition: ServiceDefinition, peers: [ServiceUnderTest] = [],
                      extra: [String: String] = [:]) async throws -> ServiceUnderTest {
        let (sink, log) = LogSink.memory()
        let running = try await ServiceMain.start(
            definition, environment: environment(for: definition.name, peers: peers, extra: extra), logSink: sink,
            clock: clock.wall, tuning: .testSuite)
        let service = ServiceUnderTest(name: definition.name, running: running,
                                       channel: channel(to: definition.name, port: running.port), log: log)
        started.withLock { $0.append(service) }
        return service
    }

    /// A channel to `service` listening on `port`, with a generous deadline (tests run
    /// many services at once on a small machine, and a slow moment must not fail a
    /// test that checks behaviour), and TLS when this environment runs it.
    public func channel(to service: ServiceName, port: Int) -> RPCChannel {
        var configuration = ChannelConfiguration(defaultTimeout: .seconds(60))
        configuration.tls = certificates?.tls.channel(to: service)
        return RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)], configuration: configuration)
    }

    /// Stops the services last started first (callers before the services they call),
    /// then removes the folder.
    public func stop() async {
        await stopServices()
        folder.remove()
    }

    /// Stops the services and keeps the folder (a fixture's template).
    public func stopServices() async {
        let services = started.withLock { services in
            defer { services = [] }
            return services
        }
        for service in services.reversed() { await service.stop() }
    }
}

/// Runs `body` in a new `TestEnvironment` and stops it afterwards, also when `body` throws.
public func withTestEnvironment<T>(
    _ prefix: String, copying template: URL? = nil, clock: TestClock = TestClock(),
    _ body: (TestEnvironment) async throws -> T
) async throws -> T {
    let environment = try TestEnvironment(prefix, copying: template, clock: clock)
    do {
        let result = try await body(environment)
        await environment.stop()
        return result
    } catch {
        await environment.stop()
        throw error
    }
}
