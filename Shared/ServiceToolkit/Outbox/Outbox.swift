import ServiceKit
import Store

/// Enqueues messages inside the caller's write transaction, so a message exists
/// exactly when the effect it announces was committed: a rolled-back write sends
/// nothing, and a committed one is delivered by `OutboxDeliverer` even after a crash.
/// The recipient and the body are sealed (they hold phones and one-time codes); a row
/// lives only until its message is delivered.
public struct Outbox: Sendable {
    /// The table, offered as a migration for the service to add at the end of its list.
    public static func migration(_ version: Int) -> Migration {
        Migration(version, "outbox of sealed messages, delivered after commit", sql: """
            CREATE TABLE outbox_messages (
                id TEXT PRIMARY KEY,
                channel TEXT NOT NULL,
                recipient_sealed BLOB NOT NULL,
                body_sealed BLOB NOT NULL,
                created_at_ms INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at_ms INTEGER NOT NULL
            );
            CREATE INDEX outbox_messages_due ON outbox_messages(next_attempt_at_ms);
            """)
    }

    let sealer: KeyRingSealer

    /// `keys`: the service's data key file (auth's `SOTAY_AUTH_DATA_KEY_FILE`).
    public init(keys: TokenKeyRing) throws {
        sealer = try KeyRingSealer(keys: keys, lookupLabel: "sotay.outbox.v1")
    }

    /// Adds a message to the outbox as part of `connection`'s open transaction and
    /// returns its id.
    @discardableResult
    public func enqueue(_ channel: OutboxChannel, to recipient: String, body: String, nowMs: Int64,
                        in connection: Connection) throws -> String {
        let id = RecordID.make("o", nowMs: nowMs)
        try connection.execute(
            """
            INSERT INTO outbox_messages (id, channel, recipient_sealed, body_sealed, created_at_ms, next_attempt_at_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [id, channel.rawValue, try sealer.seal(recipient, associatedData: Self.context(id, "recipient")),
             try sealer.seal(body, associatedData: Self.context(id, "body")), nowMs, nowMs])
        return id
    }

    /// The message of a row read back by the deliverer.
    func open(_ row: Row) throws -> OutboxMessage {
        let id: String = try row.get(0)
        guard let channel = OutboxChannel(rawValue: try row.get(1)) else { throw CryptoError("unknown outbox channel") }
        return OutboxMessage(
            id: id, channel: channel,
            recipient: try sealer.open(try row.get(2), associatedData: Self.context(id, "recipient")),
            body: try sealer.open(try row.get(3), associatedData: Self.context(id, "body")),
            createdAtMs: try row.get(4))
    }

    static let columns = "id, channel, recipient_sealed, body_sealed, created_at_ms, attempts"

    /// Binds a sealed field to its row and its place, so a recipient cannot be swapped
    /// for a body or moved to another message.
    private static func context(_ id: String, _ field: String) -> String { id + "\u{0}" + field }
}
