import Foundation
import RPC
import RPCContracts
import ServiceKit

/// The processes bench-meeting measures, started as `sotay up` starts them: the release
/// `sotay-org` and `sotay-meeting` built next to this program, each its own process
/// with its own data folder and the suite's key files, org loaded with the province
/// preset by `sotay seed` (the operator's import path).
final class BenchSuite: Sendable {
    let folder: URL
    let tokenKeyFile: URL
    let orgPort: Int
    let meetingPort: Int
    private let processes: [Process]

    private init(folder: URL, tokenKeyFile: URL, orgPort: Int, meetingPort: Int, processes: [Process]) {
        self.folder = folder
        self.tokenKeyFile = tokenKeyFile
        self.orgPort = orgPort
        self.meetingPort = meetingPort
        self.processes = processes
    }

    static var binaryFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    static func start(orgPort: Int, meetingPort: Int) async throws -> BenchSuite {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-meeting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        var keys: [String: String] = [:]
        for (variable, name, id) in [("SOTAY_TOKEN_KEY_FILE", "token.key", "k1"), ("SOTAY_ORG_DATA_KEY_FILE", "org-data.key", "d1"),
                                     ("SOTAY_MEETING_DATA_KEY_FILE", "meeting-data.key", "n1")] {
            let path = folder.appendingPathComponent(name).path
            let line = try TokenKeyRing.newKeyLine(id: id) + "\n"
            guard FileManager.default.createFile(atPath: path, contents: Data(line.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw BenchError("cannot write \(path)")
            }
            keys[variable] = path
        }
        var common = ProcessInfo.processInfo.environment.merging(keys) { _, key in key }
        common["SOTAY_LOG_LEVEL"] = "warning"
        common["SOTAY_ORG_ADDR"] = "127.0.0.1:\(orgPort)"
        let org = try launch("sotay-org", port: orgPort, folder: folder, environment: common)
        try await waitUntilServing(port: orgPort, process: org)
        print("loading the province preset into org (sotay seed --preset province) …")
        let seed = Process()
        seed.executableURL = binaryFolder.appendingPathComponent("sotay")
        seed.arguments = ["seed", "--preset", "province", "--out", folder.appendingPathComponent("seed").path]
        seed.environment = common
        seed.standardOutput = FileHandle.nullDevice
        try seed.run()
        seed.waitUntilExit()
        guard seed.terminationStatus == 0 else { throw BenchError("sotay seed failed (status \(seed.terminationStatus))") }
        let meeting = try launch("sotay-meeting", port: meetingPort, folder: folder, environment: common)
        try await waitUntilServing(port: meetingPort, process: meeting)
        return BenchSuite(folder: folder, tokenKeyFile: URL(fileURLWithPath: keys["SOTAY_TOKEN_KEY_FILE"] ?? ""),
                          orgPort: orgPort, meetingPort: meetingPort, processes: [meeting, org])
    }

    private static func launch(_ name: String, port: Int, folder: URL, environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = binaryFolder.appendingPathComponent(name)
        var variables = environment
        variables["SOTAY_LISTEN"] = "127.0.0.1:\(port)"
        variables["SOTAY_DATA_DIR"] = folder.appendingPathComponent(name).path
        process.environment = variables
        let log = folder.appendingPathComponent("\(name).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
        return process
    }

    private static func waitUntilServing(port: Int, process: Process) async throws {
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: port)])
        defer { channel.close() }
        for _ in 0..<600 {
            guard process.isRunning else { throw BenchError("\(process.executableURL?.lastPathComponent ?? "") exited") }
            if let answer = try? await channel.unary(
                path: "/sotay.rpc.v1.Health/Check", request: HealthCheckRequest(), response: HealthCheckResponse.self,
                idempotent: true, options: CallOptions(timeout: .seconds(1))), answer.status == .serving { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchError("port \(port) did not answer SERVING within two minutes")
    }

    /// SIGTERM (each drains), then removes the folder.
    func stop() {
        for process in processes where process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
