import AuthContracts
import ContentContracts
import FeedbackContracts
import Foundation
import LearningContracts
import MeetingContracts
import OperatorCLI
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport
import ServiceToolkit

/// The suite's executables started as processes, each with its own data folder, in a
/// temporary folder holding the key files (0600) as `sotay up` writes them, and a client
/// for each. `start` runs them on ports the system picks, so that no test collides with
/// a `sotay up` or with `ComposeTopologyTests` on the fixed ports 7101–7106.
struct RunningSuite {
    let processes: [ServiceName: RunningExecutable]
    /// Tokens signed with the suite's token key: how staff appear after logging in.
    let tokens: TestTokens
    /// Auth's data folder, where the local SMS outbox is written.
    let authDataFolder: URL
    let org: OrgServiceClient
    let auth: AuthServiceClient
    let content: ContentServiceClient
    let meeting: MeetingServiceClient
    let learning: LearningServiceClient
    let feedback: FeedbackServiceClient
    private let channels: [RPCChannel]
    private let folder: TemporaryFolder
    /// The suite's certificates when its services serve TLS.
    let tls: SuiteTLS?

    /// The folder holding every service's data and the suite's key and TLS files.
    var dataFolder: URL { folder.url }

    /// The environment a service starts with, given the addresses of the services
    /// already serving (org, for every other one).
    typealias Environments = @Sendable (ServiceName, [ServiceName: String]) -> [String: String]

    /// `services` (org always) as `sotay up` starts them: `ServiceLaunch`'s variables
    /// and `SuiteKeyFiles`' key files, listening on port 0.
    static func start(_ services: [ServiceName] = ServiceName.allCases) async throws -> RunningSuite {
        let folder = try TemporaryFolder.make("system")
        do {
            let keys = try SuiteKeyFiles.ensure(in: folder.url)
            let binaryFolder = try RunningExecutable.requireBuildFolder()
            let authData = folder.url.appendingPathComponent(ServiceName.auth.rawValue)
            return try await start(services, in: folder, tokenKeyFile: keys.token.path, authDataFolder: authData,
                                   tls: keys.certificates.tls) { service, peers in
                ServiceLaunch(service: service, binaryFolder: binaryFolder, listen: "127.0.0.1:0", dataFolder: folder.url,
                              keys: keys, base: [:], peerAddresses: peers)
                    .environment
            }
        } catch {
            folder.remove()
            throw error
        }
    }

    /// Starts org, then the other `services` at once (each follows org's tree and
    /// waits for it at start), each with `environments`' variables, and opens a client
    /// to each. `folder` is removed by `stop()`, or here if a service does not start.
    static func start(_ services: [ServiceName], in folder: TemporaryFolder, tokenKeyFile: String, authDataFolder: URL,
                      tls: SuiteTLS?, arguments: @Sendable (ServiceName) -> [String] = { _ in [] },
                      environments: @escaping Environments) async throws -> RunningSuite {
        var processes: [ServiceName: RunningExecutable] = [:]
        do {
            let org = try await RunningExecutable.start(
                executableName(.org), arguments: arguments(.org), environment: environments(.org, [:]))
            processes[.org] = org
            let peers = [ServiceName.org: "127.0.0.1:\(org.port)"]
            // Every start is awaited, failed or not, so that none is left running unseen.
            let started = await withTaskGroup(of: (ServiceName, Result<RunningExecutable, any Error>).self) { group in
                for service in services where service != .org {
                    let (name, given, environment) = (executableName(service), arguments(service), environments(service, peers))
                    group.addTask {
                        do { return (service, .success(try await RunningExecutable.start(name, arguments: given,
                                                                                         environment: environment))) }
                        catch { return (service, .failure(error)) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            for case let (service, .success(process)) in started { processes[service] = process }
            for case let (_, .failure(error)) in started { throw error }
            return try RunningSuite(processes: processes, folder: folder, tokenKeyFile: tokenKeyFile,
                                    authDataFolder: authDataFolder, tls: tls)
        } catch {
            for process in processes.values { _ = await process.terminate() }
            folder.remove()
            throw error
        }
    }

    static func executableName(_ service: ServiceName) -> String { "sotay-\(service.rawValue)" }

    /// `tls`: the suite's certificates when the services serve TLS (as `sotay up` runs
    /// them); the test's clients then check each service's name, as the CLI does.
    private init(processes: [ServiceName: RunningExecutable], folder: TemporaryFolder, tokenKeyFile: String,
                 authDataFolder: URL, tls: SuiteTLS?) throws {
        func channel(_ service: ServiceName) -> RPCChannel { Self.channel(to: processes[service], service: service, tls: tls) }
        self.processes = processes
        self.folder = folder
        self.tls = tls
        self.authDataFolder = authDataFolder
        tokens = try TestTokens(keyFile: tokenKeyFile)
        org = OrgServiceClient(channel: channel(.org))
        auth = AuthServiceClient(channel: channel(.auth))
        content = ContentServiceClient(channel: channel(.content))
        meeting = MeetingServiceClient(channel: channel(.meeting))
        learning = LearningServiceClient(channel: channel(.learning))
        feedback = FeedbackServiceClient(channel: channel(.feedback))
        channels = [org.channel, auth.channel, content.channel, meeting.channel, learning.channel, feedback.channel]
    }

    /// Runs `journey` against a suite from `start` and stops the processes afterwards,
    /// also when the journey fails, so that no process outlives its test. Returns every
    /// process's exit status.
    static func run(_ start: () async throws -> RunningSuite = { try await RunningSuite.start() },
                    _ journey: (RunningSuite) async throws -> Void) async throws -> [ServiceName: Int32] {
        let suite = try await start()
        do {
            try await journey(suite)
        } catch {
            _ = await suite.stop()
            throw error
        }
        return await suite.stop()
    }

    /// Options with a token signed by the suite's key: how staff appear after logging in.
    func options(memberID: String, grants: [(Role, String)]) throws -> CallOptions {
        try tokens.options(memberID, grants.map { role, unit in TestTokens.grant(role, unit) })
    }

    /// Auth's local SMS outbox (it delivers after its commit).
    /// A new channel to a running service, as the suite's clients reach it (TLS when on).
    func newChannel(to service: ServiceName) -> RPCChannel {
        Self.channel(to: processes[service], service: service, tls: tls)
    }

    /// A channel to `process` (port 1, where a call fails at once, when it is not
    /// running), checking the service's name when the suite runs TLS. A generous
    /// deadline: tests run many services at once on a small machine, and a slow moment
    /// must not fail a test that checks behaviour, not speed.
    private static func channel(to process: RunningExecutable?, service: ServiceName, tls: SuiteTLS?) -> RPCChannel {
        var configuration = ChannelConfiguration(defaultTimeout: .seconds(60))
        configuration.tls = tls?.channel(to: service)
        return RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: process?.port ?? 1)], configuration: configuration)
    }

    /// A service's SQLite file, where `ServiceLaunch` puts it.
    func databasePath(of service: ServiceName) -> String {
        folder.path("\(service.rawValue)/\(service.rawValue).sqlite")
    }

    var outbox: OutboxFile { OutboxFile(file: authDataFolder.appendingPathComponent("outbox.txt")) }

    /// SIGTERM to every service but org, then to org (the others call it); every exit status.
    func stop() async -> [ServiceName: Int32] {
        for channel in channels { channel.close() }
        var statuses: [ServiceName: Int32] = [:]
        for (service, process) in processes where service != .org { statuses[service] = await process.terminate() }
        if let org = processes[.org] { statuses[.org] = await org.terminate() }
        folder.remove()
        return statuses
    }
}
