import Foundation
import OperatorCLI
import RPC
import RPCContracts
import ServiceBench
import ServiceKit

/// Health/Check through RPCChannel, the Swift client, on one connection with
/// `inFlight` calls in flight for `seconds` after a warm-up: how bench-service puts
/// TLS next to plain TCP, since the C load generator speaks plain TCP only.
struct ChannelHealthRun {
    let address: HostPort
    let tls: TLSConfiguration?
    let inFlight: Int
    let seconds: Double

    struct Outcome {
        let callsPerSecond: Double
        let latency: LatencySummary
        let errors: Int
    }

    func run() async -> Outcome {
        var configuration = ChannelConfiguration()
        configuration.connectionsPerAddress = 1
        configuration.tls = tls
        let channel = RPCChannel(addresses: [address], configuration: configuration)
        defer { channel.close() }
        let clock = ContinuousClock()
        let measureFrom = clock.now + .milliseconds(300)
        let end = measureFrom + .seconds(seconds)
        let perTask = await withTaskGroup(of: (errors: Int, latencies: [UInt64]).self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    var errors = 0
                    var latencies: [UInt64] = []
                    while clock.now < end {
                        let began = clock.now
                        let ok = (try? await channel.unary(
                            path: HealthMethod.check, request: HealthCheckRequest(), response: HealthCheckResponse.self,
                            idempotent: true, options: CallOptions())) != nil
                        guard began >= measureFrom else { continue }
                        if !ok { errors += 1 }
                        let elapsed = (clock.now - began).components
                        latencies.append(UInt64(elapsed.seconds) * 1_000_000_000 + UInt64(elapsed.attoseconds / 1_000_000_000))
                    }
                    return (errors, latencies)
                }
            }
            var all: [(errors: Int, latencies: [UInt64])] = []
            for await result in group { all.append(result) }
            return all
        }
        let latencies = perTask.flatMap(\.latencies)
        return Outcome(callsPerSecond: Double(latencies.count) / seconds, latency: LatencySummary(nanoseconds: latencies),
                       errors: perTask.map(\.errors).reduce(0, +))
    }
}

/// A second sotay-org started with TLS on, as `sotay up` starts it (the suite's key
/// files and certificates, an empty database of its own), for the TLS line.
enum TLSOrg {
    static func start(suite: BenchSuite, port: Int) async throws -> ServiceProcess {
        let folder = suite.dataFolder.appendingPathComponent("tls-org")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        var base = ProcessInfo.processInfo.environment
        base[SuiteTLS.switchVariable] = "on"
        let process = ServiceProcess(ServiceLaunch(service: .org, binaryFolder: BenchSuite.binaryFolder,
                                                   listen: "127.0.0.1:\(port)", dataFolder: folder, keys: suite.keys,
                                                   base: base),
                                     onExit: { _, _ in })
        try process.start()
        guard await process.waitUntilServing(timeout: .seconds(60)) else {
            process.signal(SIGKILL)
            throw BenchError("the TLS sotay-org did not become healthy; the end of its log:\n\(process.logTail())")
        }
        return process
    }
}
