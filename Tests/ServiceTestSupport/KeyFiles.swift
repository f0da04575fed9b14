import Foundation
import ServiceKit

/// Key files as `sotay up` writes them: one `<id> <key>` line per id, mode 0600 (a
/// service warns about a key file others can read, and a test must not teach it to).
public enum KeyFiles {
    /// Writes a new key file at `path` with a fresh key for each of `ids`, first signing.
    @discardableResult
    public static func write(_ path: String, ids: [String]) throws -> String {
        let text = try ids.map { try TokenKeyRing.newKeyLine(id: $0) }.joined(separator: "\n") + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }
}
