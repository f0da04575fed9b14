import Foundation
import OperatorCLI
import RPC
import ServiceKit
import Synchronization

/// N processes of one service beside a `BenchSuite`'s, each started as `sotay up`
/// starts a service (`ServiceLaunch`: the suite's key files and peers), on ports of its
/// own, with a data folder and log of its own: the replicas of a service that keeps
/// its data elsewhere (the learning service on PostgreSQL). One can be killed and
/// started again mid-run, as an operator's machine would lose one.
public final class ServiceReplicas: Sendable {
    public let service: ServiceName
    public let addresses: [HostPort]
    private let launches: [ServiceLaunch]
    private let running: Mutex<[ServiceProcess]>
    /// CPU seconds used by processes since killed (their /proc entry is gone).
    private let cpuOfKilled = Mutex(0.0)

    /// `variables` are set over the suite's launch environment for every replica (the
    /// database they share); TLS is on or off as for the suite's own services.
    public init(_ service: ServiceName, count: Int, firstPort: Int, suite: BenchSuite, variables: [String: String]) throws {
        self.service = service
        addresses = (0..<count).map { HostPort(host: "127.0.0.1", port: firstPort + $0) }
        let peers = suite.addresses.mapValues(\.description)
        let base = BenchSuite.launchEnvironment.merging(variables) { $1 }
        launches = try addresses.enumerated().map { index, address in
            let folder = suite.dataFolder.appendingPathComponent("\(service.rawValue)-replica-\(index + 1)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
            return ServiceLaunch(service: service, binaryFolder: BenchSuite.binaryFolder, listen: address.description,
                                 dataFolder: folder, keys: suite.keys, base: base, peerAddresses: peers)
        }
        running = Mutex(launches.map { ServiceProcess($0, onExit: { _, _ in }) })
    }

    /// Starts every replica and returns once each answers SERVING.
    public func start() async throws {
        for process in running.withLock({ $0 }) { try process.start() }
        for index in launches.indices { try await waitUntilServing(index) }
    }

    /// SIGKILL to replica `index`: no drain, no goodbye, as a lost machine.
    public func kill(_ index: Int) async {
        let process = running.withLock { $0[index] }
        let cpu = ProcessStats.cpuSeconds(of: process.pid) ?? 0
        process.signal(SIGKILL)
        _ = await process.waitForExit()
        cpuOfKilled.withLock { $0 += cpu }
    }

    /// Starts replica `index` again (a new process) and returns once it serves.
    public func restart(_ index: Int) async throws {
        let process = ServiceProcess(launches[index], onExit: { _, _ in })
        running.withLock { $0[index] = process }
        try process.start()
        try await waitUntilServing(index)
    }

    /// User + system CPU seconds of every replica's processes so far, killed ones included.
    public var cpuSeconds: Double {
        running.withLock { $0 }.reduce(cpuOfKilled.withLock { $0 }) { $0 + (ProcessStats.cpuSeconds(of: $1.pid) ?? 0) }
    }

    /// SIGTERM to every replica (each drains), then waits for them to exit.
    public func stop() async {
        let processes = running.withLock { $0 }
        for process in processes { process.signal(SIGTERM) }
        for process in processes where process.pid != 0 { _ = await process.waitForExit() }
    }

    private func waitUntilServing(_ index: Int) async throws {
        let process = running.withLock { $0[index] }
        guard await process.waitUntilServing(timeout: .seconds(60)) else {
            throw BenchError("\(service.rawValue) replica \(index + 1) did not become healthy; the end of its log:\n"
                             + process.logTail())
        }
    }
}
