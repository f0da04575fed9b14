/// How a message reaches its recipient: a text message to a phone, or a push
/// notification to a member's devices (meeting and feedback notices).
public enum OutboxChannel: String, Sendable, CaseIterable {
    case sms
    case push
}

/// One message as a transport receives it, opened from its sealed row. `id` stays the
/// same across retries, so a gateway that was told twice (delivery is at least once)
/// can drop the second.
public struct OutboxMessage: Sendable, Equatable {
    public let id: String
    public let channel: OutboxChannel
    /// A canonical phone number for `.sms`, a member id for `.push`.
    public let recipient: String
    public let body: String
    public let createdAtMs: Int64

    public init(id: String, channel: OutboxChannel, recipient: String, body: String, createdAtMs: Int64) {
        self.id = id
        self.channel = channel
        self.recipient = recipient
        self.body = body
        self.createdAtMs = createdAtMs
    }
}
