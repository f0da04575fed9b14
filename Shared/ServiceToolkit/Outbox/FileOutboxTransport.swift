import Foundation

/// The local transport: appends each message to a file, one line
/// `<ISO 8601 time> <recipient> <body>`, which `sotay outbox` prints. The file is the
/// delivery channel of a machine without a gateway, not a log: it holds codes by
/// design, is created readable by its owner only and must stay on the operator's
/// machine. A message delivered twice (a crash between the append and the delete)
/// appears twice.
public struct FileOutboxTransport: OutboxTransport {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    public func deliver(_ message: OutboxMessage) async throws {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(message.createdAtMs) / 1000))
        // One line per message: a newline inside the body would forge another line.
        let body = message.body.replacingOccurrences(of: "\n", with: " ")
        let line = "\(time) \(message.recipient) \(body)\n"
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}
