import Foundation

/// The real `sotay-content` executable, started from the build folder as `sotay up`
/// starts it (its own process, configured by environment, logging to a file), on port 0;
/// the port is read from its "serving" log line.
final class ContentProcess: Sendable {
    let port: Int
    let pid: Int32
    let dataFolder: URL
    private let process: Process

    static func start(environment: [String: String], logFile: URL) async throws -> ContentProcess {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("sotay-content")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchError("sotay-content was not built next to bench-content (swift build -c release)")
        }
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = executable
        process.environment = environment
        process.standardError = log
        process.standardOutput = log
        try process.run()
        let deadline = ContinuousClock.now + .seconds(120)
        while process.isRunning, ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let port = servingPort(in: text) {
                return ContentProcess(port: port, pid: process.processIdentifier,
                                      dataFolder: URL(fileURLWithPath: environment["SOTAY_DATA_DIR"] ?? "."), process: process)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw BenchError("sotay-content did not start; see \(logFile.path)")
    }

    private init(port: Int, pid: Int32, dataFolder: URL, process: Process) {
        self.port = port
        self.pid = pid
        self.dataFolder = dataFolder
        self.process = process
    }

    /// The port from `{"listen":"127.0.0.1:40123",…,"message":"serving",…}`.
    static func servingPort(in log: String) -> Int? {
        for line in log.split(separator: "\n") where line.contains("\"message\":\"serving\"") {
            guard let range = line.range(of: "\"listen\":\"") else { continue }
            let rest = line[range.upperBound...]
            guard let end = rest.firstIndex(of: "\""), let colon = rest[..<end].lastIndex(of: ":") else { continue }
            return Int(rest[rest.index(after: colon)..<end])
        }
        return nil
    }

    /// The process's peak resident memory (VmHWM).
    var peakResidentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
        return kilobytes * 1024
    }

    /// The database's files (with its write-ahead log).
    var databaseBytes: Int {
        let files = (try? FileManager.default.contentsOfDirectory(at: dataFolder, includingPropertiesForKeys: [.fileSizeKey])) ?? []
        return files.reduce(0) { total, file in
            total + ((try? file.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
    }

    func stop() async {
        process.terminate()
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
