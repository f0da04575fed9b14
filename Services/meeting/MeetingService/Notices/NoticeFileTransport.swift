import Foundation
import ServiceKit
import ServiceToolkit

/// The meeting service's local transport (no gateway): the toolkit's file transport,
/// writing `<delivered at, ISO 8601> <channel> <recipient> <body>` lines to
/// `<data dir>/notices.txt`. The line carries the time the notice left (the service's
/// clock), not when it was decided, so "never at night" can be read off the file.
struct NoticeFileTransport: OutboxTransport {
    let file: FileOutboxTransport
    let clock: WallClock

    init(file: URL, clock: WallClock) {
        self.file = FileOutboxTransport(file: file)
        self.clock = clock
    }

    func deliver(_ message: OutboxMessage) async throws {
        try await file.deliver(OutboxMessage(id: message.id, channel: message.channel,
                                             recipient: "\(message.channel.rawValue) \(message.recipient)",
                                             body: message.body, createdAtMs: clock.nowMs))
    }
}
