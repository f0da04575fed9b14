import Foundation
import RPC
import RPCContracts

/// Starts a service's real executable from the build folder beside this program, with
/// the environment `sotay up` gives it (its listen address, data folder and key files),
/// logging to a file, and waits until it answers Health/Check SERVING.
struct ServiceLauncher {
    let folder: URL
    let binaryFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

    func start(_ name: String, port: Int, environment: [String: String]) async throws -> Process {
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)])
        defer { channel.close() }
        // Another suite answering there would be measured instead: refuse.
        guard await !serving(channel) else { throw BenchError("port \(port) is taken; pass another --port-base") }
        let process = Process()
        process.executableURL = binaryFolder.appendingPathComponent("sotay-\(name)")
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { _, given in given }
        variables["SOTAY_LISTEN"] = "127.0.0.1:\(port)"
        variables["SOTAY_DATA_DIR"] = folder.appendingPathComponent(name).path
        variables["SOTAY_LOG_LEVEL"] = "warning"
        process.environment = variables
        let log = folder.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        for _ in 0..<600 {
            guard process.isRunning else { break }
            if await serving(channel) { return process }
            try await Task.sleep(for: .milliseconds(200))
        }
        process.terminate()
        throw BenchError("sotay-\(name) did not answer SERVING; see \(log.path)")
    }

    private func serving(_ channel: RPCChannel) async -> Bool {
        let health = try? await channel.unary(
            path: HealthMethod.check, request: HealthCheckRequest(), response: HealthCheckResponse.self,
            idempotent: true, options: CallOptions(timeout: .seconds(1)))
        return health?.status == .serving
    }

    /// Runs `sotay` with `arguments` and waits for it.
    func runCLI(_ arguments: [String], environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = binaryFolder.appendingPathComponent("sotay")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
