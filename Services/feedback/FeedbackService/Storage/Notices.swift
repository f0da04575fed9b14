import FeedbackContracts
import ServiceToolkit
import Store

/// The member hears of every change to their item, through the outbox, in the
/// transaction that makes the change: a push to the member id, naming the item and
/// the new status and, where there is one, the reason the member is owed.
enum Notices {
    static func enqueue(_ event: ItemEvent, of item: Item, outbox: Outbox, nowMs: Int64,
                        in connection: Connection) throws {
        var body = "Feedback \(item.id) «\(item.title)»: \(event.status.label)"
        if event.kind == .eventEscalated { body += ", raised to the committee above because it is overdue" }
        if event.kind == .eventReassigned, let agency = event.agency?.kind.label { body += ", now with the \(agency)" }
        if !event.reason.isEmpty { body += ". Reason: \(event.reason)" }
        try outbox.enqueue(.push, to: item.memberID, body: body, nowMs: nowMs, in: connection)
    }
}
