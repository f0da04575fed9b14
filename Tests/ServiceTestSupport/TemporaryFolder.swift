import Foundation

/// A folder of its own for one test, removed when the test is done with it, whether
/// the test returned or threw (`withTemporaryFolder`).
public struct TemporaryFolder: Sendable {
    public let url: URL

    /// Creates `…/sotay-<prefix>-<uuid>` under the system's temporary directory, 0700.
    public static func make(_ prefix: String) throws -> TemporaryFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        return TemporaryFolder(url: url)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a new temporary folder and removes the folder afterwards, also
/// when `body` throws.
public func withTemporaryFolder<T>(_ prefix: String, _ body: (TemporaryFolder) async throws -> T) async throws -> T {
    let folder = try TemporaryFolder.make(prefix)
    do {
        let result = try await body(folder)
        folder.remove()
        return result
    } catch {
        folder.remove()
        throw error
    }
}
