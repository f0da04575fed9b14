import Foundation
import Synchronization

/// One of the suite's executables started as its own process, as an operator would
/// run it: configured by environment, on port 0, its log read from standard error to
/// learn the port it got.
final class RunningExecutable: Sendable {
    let name: String
    let port: Int
    private let process: Process
    private let log: LogBuffer

    /// The folder the build put the executables in (next to the test binary).
    static var buildFolder: URL? {
        guard let testBinary = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return URL(fileURLWithPath: testBinary).deletingLastPathComponent()
    }

    static func requireBuildFolder() throws -> URL {
        guard let folder = buildFolder else { throw SystemTestError("cannot tell where the test binary is") }
        return folder
    }

    /// Starts `name` (with `arguments`) and waits until its "serving" log line says where it listens.
    static func start(_ name: String, arguments: [String] = [], environment: [String: String]) async throws
        -> RunningExecutable {
        guard let executable = buildFolder?.appendingPathComponent(name),
              FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw SystemTestError("\(name) was not built next to the test binary")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = LogBuffer()
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            log.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        // The log is looked at once more after the deadline: on a busy machine this task
        // may resume only after the deadline, long after the line arrived.
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if let port = log.text.withLock({ Self.listeningPort(in: $0) }) {
                return RunningExecutable(name: name, port: port, process: process, log: log)
            }
            guard process.isRunning, ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw SystemTestError("\(name) did not start: \(log.text.withLock { $0 })")
    }

    private init(name: String, port: Int, process: Process, log: LogBuffer) {
        self.name = name
        self.port = port
        self.process = process
        self.log = log
    }

    /// The port from `{"listen":"127.0.0.1:40123",…,"message":"serving",…}`.
    static func listeningPort(in log: String) -> Int? {
        for line in log.split(separator: "\n") where line.contains("\"message\":\"serving\"") {
            guard let range = line.range(of: "\"listen\":\"") else { continue }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\""), let colon = rest[..<end].lastIndex(of: ":") else { continue }
            return Int(rest[rest.index(after: colon)..<end])
        }
        return nil
    }

    var logText: String { log.text.withLock { $0 } }

    /// Sends `number` (SIGHUP: reload the TLS certificate).
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// SIGTERM, as an orchestrator stops it; the exit status once it has drained.
    func terminate() async -> Int32 {
        process.terminate()
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }
}

/// What a process wrote to standard error, appended from a reader thread.
final class LogBuffer: Sendable {
    let text = Mutex("")
}

struct SystemTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
