import Foundation

/// A PostgreSQL server of the test's own, started by Tools/lib/throwaway-postgres.sh
/// (a fresh cluster on loopback, run as a non-root user) and removed by `stop()`.
public struct ThrowawayPostgres: Sendable {
    public let folder: String
    public let url: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/lib/throwaway-postgres.sh").path

    /// A server of a database of its own: a new database on this server.
    public func url(ofDatabase name: String) -> String {
        guard let slash = url.lastIndex(of: "/") else { return url }
        return url[...slash] + name
    }

    public static func start() throws -> ThrowawayPostgres {
        let words = try run(["start"]).split(separator: " ").map(String.init)
        guard words.count == 2 else { throw ScriptFailed(output: words.joined(separator: " ")) }
        return ThrowawayPostgres(folder: words[0], url: words[1])
    }

    public func stop() {
        _ = try? Self.run(["stop", folder])
    }

    struct ScriptFailed: Error {
        let output: String
    }

    private static func run(_ arguments: [String]) throws -> String {
        // Output goes to a file, not a pipe: the server the script starts outlives it, and
        // nothing of this process's should be left open in it.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("throwaway-postgres-\(UUID()).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        try process.run()
        process.waitUntilExit()
        let text = (try String(contentsOf: outputFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0 else { throw ScriptFailed(output: text) }
        return text
    }
}

/// Runs `body` with a throwaway server, removing it whether `body` returns or throws.
public func withThrowawayPostgres<T>(_ body: (ThrowawayPostgres) async throws -> T) async throws -> T {
    let server = try ThrowawayPostgres.start()
    defer { server.stop() }
    return try await body(server)
}
