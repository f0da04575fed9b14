import Foundation
import OrgSeed
import OrgService
import ServiceKit

/// The province preset's import through RPC, as an operator runs it: `sotay seed
/// --preset province` (generate the files, then `import units` and `import members`
/// with --apply) against a fresh org service with an empty database. Needs the
/// release `sotay` next to bench-org.
enum ImportRun {
    struct Result {
        let seconds: Double
        let output: String
    }

    static func run(folder: URL, tokenKeyFile: URL, dataKeyFile: URL) async throws -> Result? {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("sotay")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
        let scratch = folder.appendingPathComponent("import-run")
        try? FileManager.default.removeItem(at: scratch)
        let service = try await ServiceMain.start(OrgServiceDefinition.definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_DATA_DIR": scratch.appendingPathComponent("org").path,
            "SOTAY_TOKEN_KEY_FILE": tokenKeyFile.path, "SOTAY_ORG_DATA_KEY_FILE": dataKeyFile.path,
            "SOTAY_LOG_LEVEL": "warning", "SOTAY_TLS": "off",  // In-process, measured over plain TCP.
        ])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["seed", "--preset", "province", "--out", scratch.appendingPathComponent("files").path]
        var environment = ProcessInfo.processInfo.environment
        environment["SOTAY_ORG_ADDR"] = "127.0.0.1:\(service.port)"
        environment["SOTAY_TOKEN_KEY_FILE"] = tokenKeyFile.path
        environment["SOTAY_TLS"] = "off"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let started = ContinuousClock.now
        try process.run()
        let output = try await BenchDatabase.onOwnThread {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        await service.stop()
        guard process.terminationStatus == 0 else {
            throw BenchError(description: "sotay seed failed (status \(process.terminationStatus)):\n\(output)")
        }
        return Result(seconds: seconds, output: output)
    }
}
