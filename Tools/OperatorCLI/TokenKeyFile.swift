import Foundation
import ServiceKit

/// The suite's token key file for a local run: created with a fresh random key on
/// first start, readable by its owner only, and kept across restarts so that tokens
/// issued before a restart stay valid.
enum TokenKeyFile {
    static func ensure(in dataFolder: URL) throws -> URL {
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        let file = dataFolder.appendingPathComponent("token.key")
        if FileManager.default.fileExists(atPath: file.path) { return file }
        let contents = "# Access-token keys: the first signs, all verify (see docs/operations.md).\n"
            + (try TokenKeyRing.newKeyLine(id: "k1")) + "\n"
        guard FileManager.default.createFile(atPath: file.path, contents: Data(contents.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CLIError(description: "cannot create \(file.path)")
        }
        return file
    }
}
