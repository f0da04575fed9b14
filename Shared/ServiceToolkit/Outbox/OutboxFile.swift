import Foundation

/// The local transport's file read as a phone reads its messages: for the tools and
/// tests that play the phone on a machine without a gateway (`sotay app`, the
/// benchmarks, the system tests). Lines are `FileOutboxTransport`'s
/// `<time> <recipient> <body>`.
public struct OutboxFile: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// The bodies of the messages delivered to `recipient` (as the service wrote it:
    /// a phone in canonical form, "+84…"), oldest first.
    public func messages(to recipient: String) -> [String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            return fields.count == 3 && fields[1] == recipient ? String(fields[2]) : nil
        }
    }

    /// The one-time code in the newest message to `recipient` once more than
    /// `alreadySeen` messages have reached it: delivery follows the commit, so this
    /// waits for the line (looking every 10 ms, at most `timeout`), as a phone waits
    /// for its SMS. Nil if none came.
    public func newestCode(to recipient: String, alreadySeen: Int = 0,
                           timeout: Duration = .seconds(30)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while true {
            let bodies = messages(to: recipient)
            if bodies.count > alreadySeen, let code = bodies.last?.firstMatch(of: /\d{6}/) { return String(code.output) }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}
