import Foundation
import OperatorCLI
import OrgContracts
import RPC
import ServiceKit

/// Real service executables of this build (org always, and the others a benchmark
/// names), started as child processes the way `sotay up` starts them (`ServiceLaunch`:
/// same variables, key files and data layout), on ports of the benchmark's own so that
/// a `sotay up` on the default ports is left alone. The province preset is loaded into
/// org on the first start (with `sotay seed`, as `sotay up` does) before the other
/// services start, and reused by later runs.
public final class BenchSuite: @unchecked Sendable {
    // @unchecked Sendable: every property is a constant set in `init`; `interrupts`
    // (Dispatch's sources are not marked Sendable) is only held to keep the handlers
    // alive and never touched again.
    public let services: [ServiceName]
    public let dataFolder: URL
    public let keys: SuiteKeyFiles
    public let processes: [ServiceName: ServiceProcess]
    public let addresses: [ServiceName: HostPort]
    /// Ctrl-C and SIGTERM stop the services before the benchmark exits, so that no
    /// service is left holding the benchmark's ports for the next run.
    private let interrupts: [any DispatchSourceSignal]

    /// The environment the services start with: this process's, with TLS off unless
    /// `SOTAY_TLS` says otherwise. The C load generator and the raw-frame clients speak
    /// plain TCP, so the benchmarks ask for it (each service logs that TLS is off);
    /// `SOTAY_TLS=on` runs them with TLS as `sotay up` does, for the Swift clients.
    public static var launchEnvironment: [String: String] {
        var variables = ProcessInfo.processInfo.environment
        if variables[SuiteTLS.switchVariable] == nil { variables[SuiteTLS.switchVariable] = "off" }
        return variables
    }

    /// Where the services' executables are: beside this program, as for `sotay up`.
    public static var binaryFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    private init(services: [ServiceName], dataFolder: URL, keys: SuiteKeyFiles, processes: [ServiceName: ServiceProcess],
                 addresses: [ServiceName: HostPort]) {
        self.services = services
        self.dataFolder = dataFolder
        self.keys = keys
        self.processes = processes
        self.addresses = addresses
        interrupts = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                for process in processes.values { process.signal(SIGTERM) }
                for process in processes.values where !process.hasExited { usleep(100_000) }
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Starts org and `others` with their data in `dataFolder`, on ports counted from
    /// `firstPort` in the order named (org first), and returns once every one answers
    /// SERVING and org's tree holds the preset. Org is seeded before the others start,
    /// so that a service following org's tree starts with the whole province.
    public static func start(dataFolder: URL, firstPort: Int, services others: [ServiceName] = [.auth]) async throws -> BenchSuite {
        let services = [.org] + others.filter { $0 != .org }
        let keys = try SuiteKeyFiles.ensure(in: dataFolder)
        try FileManager.default.createDirectory(at: dataFolder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let addresses = Dictionary(uniqueKeysWithValues: services.enumerated().map { index, service in
            (service, HostPort(host: "127.0.0.1", port: firstPort + index))
        })
        let peers = addresses.mapValues(\.description)
        let processes = Dictionary(uniqueKeysWithValues: services.compactMap { service in
            addresses[service].map { address in
                (service, ServiceProcess(ServiceLaunch(service: service, binaryFolder: binaryFolder, listen: address.description,
                                                       dataFolder: dataFolder, keys: keys,
                                                       base: Self.launchEnvironment, peerAddresses: peers),
                                         onExit: { _, _ in }))
            }
        })
        let suite = BenchSuite(services: services, dataFolder: dataFolder, keys: keys, processes: processes, addresses: addresses)
        do {
            try await suite.startServing([.org])
            try await suite.seedIfEmpty()
            try await suite.startServing(Array(services.dropFirst()))
        } catch {
            await suite.stop()
            throw error
        }
        return suite
    }

    private func startServing(_ names: [ServiceName]) async throws {
        for service in names { try processes[service]?.start() }
        for service in names {
            guard let process = processes[service], await process.waitUntilServing(timeout: .seconds(60)) else {
                throw BenchError("\(service.rawValue) did not become healthy; the end of its log:\n"
                                 + (processes[service]?.logTail() ?? ""))
            }
        }
    }

    /// `start` for a benchmark's main: on failure, says why and exits with status 1.
    public static func startOrExit(_ program: String, options: BenchOptions,
                                   services: [ServiceName] = [.auth]) async -> BenchSuite {
        do {
            return try await start(dataFolder: options.dataFolder, firstPort: options.port, services: services)
        } catch {
            print("\(program): \(error)")
            exit(1)
        }
    }

    /// Runs a benchmark's set-up (logins, tokens); on failure says why, stops the
    /// services and exits with status 1.
    public func setUpOrExit<T>(_ program: String, _ body: (BenchSuite) async throws -> T) async -> T {
        do {
            return try await body(self)
        } catch {
            print("\(program): \(error)")
            await stop()
            exit(1)
        }
    }

    /// The pid of a service's process.
    public func pid(_ service: ServiceName) -> Int32 { processes[service]?.pid ?? 0 }

    /// The variables a process of the suite reads: what `InProcessService` opens the
    /// same databases with.
    public func environment(of service: ServiceName) -> [String: String] {
        ServiceLaunch(service: service, binaryFolder: Self.binaryFolder, listen: "127.0.0.1:0", dataFolder: dataFolder,
                      keys: keys, base: Self.launchEnvironment,
                      peerAddresses: addresses.mapValues(\.description)).environment
    }

    /// The suite's TLS as its services run it (nil: `SOTAY_TLS=off`).
    public var tls: SuiteTLS? {
        Self.launchEnvironment[SuiteTLS.switchVariable]?.lowercased() == "off" ? nil : keys.certificates.tls
    }

    /// A channel to one service, for setting up (logins, checks); never for measuring.
    public func channel(to service: ServiceName) -> RPCChannel {
        var configuration = ChannelConfiguration()
        configuration.connectionsPerAddress = 1
        configuration.defaultTimeout = .seconds(10)
        configuration.tls = tls?.channel(to: service)
        return RPCChannel(addresses: [addresses[service] ?? HostPort(host: "127.0.0.1", port: service.defaultPort)],
                          configuration: configuration)
    }

    /// An operator's token signed with the suite's key, as the CLI signs its own.
    public func operatorMetadata() throws -> [String: String] {
        try OperatorToken.metadata(keyFile: keys.token.path)
    }

    /// How long a service may drain after SIGTERM before it gets SIGKILL: past its own
    /// grace period (10 s), as for `sotay up`, and short enough to keep a run bounded.
    static let stopTimeout: Duration = .seconds(15)

    /// SIGTERM to every service (each drains), then waits for them to exit; SIGKILL
    /// to any still there after `stopTimeout`.
    public func stop() async {
        for process in processes.values { process.signal(SIGTERM) }
        let killer = Task { [processes] in
            try await Task.sleep(for: Self.stopTimeout)
            for process in processes.values { process.signal(SIGKILL) }
        }
        for process in processes.values where process.pid != 0 { _ = await process.waitForExit() }
        killer.cancel()
    }

    /// The seed files' folder: `DATA/seed/province`, as `sotay up` writes them.
    public var seedFolder: URL { dataFolder.appendingPathComponent("seed/province") }

    private func seedIfEmpty() async throws {
        let channel = self.channel(to: .org)
        defer { channel.close() }
        var request = GetTreeSnapshotRequest()
        request.pageSize = 1
        let snapshot = try await OrgServiceClient(channel: channel)
            .getTreeSnapshot(request, options: CallOptions(metadata: try operatorMetadata()))
        guard snapshot.units.isEmpty else { return }
        print("first run: loading the province preset with `sotay seed --preset province` (kept in \(dataFolder.path)) …")
        fflush(nil)  // every stream: ours before the child's own output, when they go to a file or a pipe
        let seed = Process()
        seed.executableURL = Self.binaryFolder.appendingPathComponent("sotay")
        seed.arguments = ["seed", "--preset", "province", "--out", seedFolder.path]
        var variables = keys.withTLS(Self.launchEnvironment)
        variables["SOTAY_TOKEN_KEY_FILE"] = keys.token.path
        variables[ServiceName.org.addressVariable] = addresses[.org]?.description
        seed.environment = variables
        try seed.run()
        seed.waitUntilExit()
        guard seed.terminationStatus == 0 else {
            throw BenchError("`sotay seed --preset province` failed (status \(seed.terminationStatus)); build `sotay` too")
        }
    }
}

/// Why a benchmark could not run.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
