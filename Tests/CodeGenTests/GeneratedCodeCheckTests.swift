import Foundation
import Testing

/// The committed generated code must be what the generator produces from proto/ now:
/// runs `Tools/generate.sh --check` with the plugin this test run built.
@Suite struct GeneratedCodeCheckTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The test bundle and the plugin are built into the same folder.
    static func builtPlugin() -> URL? {
        if let path = ProcessInfo.processInfo.environment["PROTOC_GEN_SOTAY"] { return URL(fileURLWithPath: path) }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the test binary is `<bin>/<Package>PackageTests.xctest`; elsewhere
        // it sits inside a bundle a few levels below `<bin>`.
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("protoc-gen-sotay")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func protocIsInstalled() -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/protoc") }
    }

    @Test func committedGeneratedCodeMatchesTheProtos() async throws {
        try #require(Self.protocIsInstalled(), """
            protoc is not installed, so the generated code cannot be checked. Install it with \
            `apt-get install protobuf-compiler` or run Tools/test.sh, which installs it.
            """)
        let plugin = try #require(Self.builtPlugin(), "protoc-gen-sotay was not found next to the test binary")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.repositoryRoot.appendingPathComponent("Tools/generate.sh").path, "--check"]
        process.currentDirectoryURL = Self.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["PROTOC_GEN_SOTAY"] = plugin.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Read and wait on a Dispatch thread: blocking one of the few threads of the
        // Swift concurrency pool would stall every other test running meanwhile.
        let report = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let bytes = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        #expect(process.terminationStatus == 0, "Tools/generate.sh --check failed:\n\(report)")
    }
}
