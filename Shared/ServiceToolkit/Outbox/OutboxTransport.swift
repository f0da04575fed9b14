/// What carries a message out of the service: an SMS or push gateway in production,
/// `FileOutboxTransport` on a machine without one. Throwing means "not delivered":
/// the deliverer keeps the message and tries again later. Returning means delivered;
/// the message is then deleted.
public protocol OutboxTransport: Sendable {
    func deliver(_ message: OutboxMessage) async throws
}
