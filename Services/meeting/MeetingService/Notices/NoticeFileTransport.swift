import Foundation
import ServiceKit
import ServiceToolkit

/// The meeting service's local transport (no gateway): one line per notice,
/// `<delivered at, ISO 8601> <channel> <recipient> <body>`, in `<data dir>/notices.txt`,
/// readable by its owner only. The delivery time is the service's clock when the
/// notice left, so "never at night" can be read off the file.
struct NoticeFileTransport: OutboxTransport {
    let file: URL
    let clock: WallClock

    func deliver(_ message: OutboxMessage) async throws {
        let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(clock.nowMs) / 1000))
        let body = message.body.replacingOccurrences(of: "\n", with: " ")
        let line = "\(time) \(message.channel.rawValue) \(message.recipient) \(body)\n"
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}
