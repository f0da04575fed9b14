import Foundation
import Store

/// Where text messages go. Production plugs in an SMS gateway; locally (and in tests)
/// `OutboxSMSSender` keeps them, so the suite works with no gateway. A sender runs
/// inside the write that created the code, so a code is never recorded without its
/// message being handed over.
protocol SMSSender: Sendable {
    func send(_ text: String, to phone: String, atMs: Int64, in connection: Connection) throws
}

/// The local outbox: every message goes into the `outbox` table and is appended to a
/// file (`<data dir>/outbox.txt`) that `sotay outbox` prints. The file is the delivery
/// channel of a machine without a gateway, not a log; it holds codes by design and
/// must stay on the operator's machine.
struct OutboxSMSSender: SMSSender {
    let file: URL

    func send(_ text: String, to phone: String, atMs: Int64, in connection: Connection) throws {
        try connection.execute("INSERT INTO outbox (phone, text, at_ms) VALUES (?, ?, ?)", [phone, text, atMs])
        let line = "\(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(atMs) / 1000))) \(phone) \(text)\n"
        if !FileManager.default.fileExists(atPath: file.path) {
            _ = FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}
