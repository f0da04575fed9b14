import Foundation
import RPC
import RPCContracts

/// A service executable started as `sotay up` starts it (its own process, its
/// environment, a log file), which the bench can kill and start again.
final class ServerProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` and `finishedCPUTicks` are touched only from the
    // bench's main flow (start, kill, restart, cpu), never concurrently.
    let executable: URL
    let environment: [String: String]
    let logPath: String
    let port: Int
    private var process: Process?
    /// CPU ticks of the processes that were killed, so a restart does not lose them.
    private var finishedCPUTicks = 0

    init(executable: URL, environment: [String: String], logPath: String, port: Int) {
        self.executable = executable
        self.environment = environment
        self.logPath = logPath
        self.port = port
    }

    func start() throws {
        let process = Process()
        process.executableURL = executable
        process.environment = environment
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
    }

    /// Waits until Health/Check answers SERVING.
    func waitUntilServing(timeout: Duration = .seconds(120)) async throws {
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)])
        defer { channel.close() }
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let answer = try? await channel.unary(
                path: "/sotay.rpc.v1.Health/Check", request: HealthCheckRequest(), response: HealthCheckResponse.self,
                idempotent: true, options: CallOptions(timeout: .seconds(1))), answer.status == .serving { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchFailure("\(executable.lastPathComponent) on port \(port) did not become healthy; see \(logPath)")
    }

    /// SIGKILL: a crash, not a drain.
    func kill() {
        guard let process else { return }
        finishedCPUTicks += cpuTicks(of: process.processIdentifier)
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// SIGTERM and wait: the service drains.
    func stop() {
        guard let process else { return }
        finishedCPUTicks += cpuTicks(of: process.processIdentifier)
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// User and system CPU seconds used by every process this one ran.
    var cpuSeconds: Double {
        let running = process.map { cpuTicks(of: $0.processIdentifier) } ?? 0
        return Double(finishedCPUTicks + running) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// utime + stime from /proc/PID/stat (fields 14 and 15, after the command in parentheses).
    private func cpuTicks(of pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
