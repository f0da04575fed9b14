import Foundation
import OrgSeed
import OrgService
import ServiceKit

/// The org database bench-org measures: built once per preset and seed under the
/// cache folder (generation straight into the database through `SeedLoader`), then
/// reused, because the national preset takes many minutes to build. A `built` file
/// written last marks a finished build; a folder without it is rebuilt.
struct BenchDatabase {
    let folder: URL
    let preset: SeedPreset
    let seed: UInt64

    var dataDirectory: URL { folder.appendingPathComponent("\(preset.rawValue)-seed\(seed)") }
    var databasePath: String { dataDirectory.appendingPathComponent("org.sqlite").path }
    var tokenKeyFile: URL { folder.appendingPathComponent("token.key") }
    var dataKeyFile: URL { folder.appendingPathComponent("org-data.key") }
    private var marker: URL { dataDirectory.appendingPathComponent("built") }

    struct Build {
        let rows: Int
        let seconds: Double
        let reused: Bool
    }

    /// Builds the database unless a finished one is there; answers how long the build
    /// took (then or when it was made).
    func ensure() async throws -> Build {
        try Self.ensureKey(tokenKeyFile, id: "k1")
        try Self.ensureKey(dataKeyFile, id: "d1")
        if let text = try? String(contentsOf: marker, encoding: .utf8) {
            let parts = text.split(separator: " ")
            if parts.count == 2, let rows = Int(parts[0]), let seconds = Double(parts[1]) {
                return Build(rows: rows, seconds: seconds, reused: true)
            }
        }
        try? FileManager.default.removeItem(at: dataDirectory)
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let started = ContinuousClock.now
        let loader = try await SeedLoader.open(databasePath: databasePath, dataKeyFile: dataKeyFile.path)
        let generator = SeedGenerator(preset: preset, seed: seed)
        let total = preset.members
        let summary = try await Self.onOwnThread {
            let bridge = SeedRowBridge(loader: loader, nowMs: WallClock.system.nowMs) { loaded in
                if loaded % 500_000 < SeedRowBridge.batchSize {
                    let seconds = (ContinuousClock.now - started).inSeconds
                    print(String(format: "  loaded %d rows of about %d in %.0f s (%.0f rows/s)", loaded, total, seconds,
                                 Double(loaded) / seconds))
                    // Shown as it goes even when the output is a file (fflush(nil): every stream).
                    fflush(nil)
                }
            }
            var sink = bridge
            let summary = try generator.generate(into: &sink)
            try bridge.flush()
            return summary
        }
        await loader.close()
        let seconds = (ContinuousClock.now - started).inSeconds
        let rows = summary.units + summary.members
        try Data("\(rows) \(seconds)".utf8).write(to: marker)
        return Build(rows: rows, seconds: seconds, reused: false)
    }

    /// Bytes of the database file and its write-ahead log.
    var sizeBytes: (database: Int, wal: Int) {
        func size(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        }
        return (size(databasePath), size(databasePath + "-wal"))
    }

    static func ensureKey(_ file: URL, id: String) throws {
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let line = try TokenKeyRing.newKeyLine(id: id) + "\n"
        guard FileManager.default.createFile(atPath: file.path, contents: Data(line.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw BenchError(description: "cannot create \(file.path)")
        }
    }

    /// Runs blocking work on a thread of its own, outside the concurrency pool.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
}
