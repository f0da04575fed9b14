import Foundation
import ServiceKit

/// The suite's key files for a local run, created with a fresh random key on first
/// start, readable by their owner only, and kept across restarts: `token.key`, so
/// that tokens issued before a restart stay valid, and `org-data.key`, which seals
/// card numbers and citizen ids in the org service's database (losing it loses them),
/// and `auth-data.key`, which seals auth's outbox (losing it loses undelivered messages).
enum TokenKeyFile {
    static func ensure(in dataFolder: URL) throws -> URL {
        try ensure(in: dataFolder, named: "token.key",
                   comment: "Access-token keys: the first signs, all verify (see docs/operations.md).", keyID: "k1")
    }

    static func ensureOrgDataKey(in dataFolder: URL) throws -> URL {
        try ensure(in: dataFolder, named: "org-data.key",
                   comment: "Org personal-data keys: the first seals, all open (docs/operations.md, Keys). Back it up with the data.",
                   keyID: "d1")
    }

    static func ensureAuthDataKey(in dataFolder: URL) throws -> URL {
        try ensure(in: dataFolder, named: "auth-data.key",
                   comment: "Auth personal-data keys: the first seals, all open (docs/operations.md). Back it up with the data.",
                   keyID: "a1")
    }

    static func ensureMeetingDataKey(in dataFolder: URL) throws -> URL {
        try ensure(in: dataFolder, named: "meeting-data.key",
                   comment: "Meeting outbox keys (phones of SMS notices): the first seals, all open. Back it up with the data.",
                   keyID: "n1")
    }

    private static func ensure(in dataFolder: URL, named name: String, comment: String, keyID: String) throws -> URL {
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        let file = dataFolder.appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: file.path) { return file }
        let contents = "# \(comment)\n" + (try TokenKeyRing.newKeyLine(id: keyID)) + "\n"
        guard FileManager.default.createFile(atPath: file.path, contents: Data(contents.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CLIError(description: "cannot create \(file.path)")
        }
        return file
    }
}
