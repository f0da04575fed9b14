import FeedbackContracts

extension ItemEvent {
    static func make(_ kind: EventKind, atMS: Int64, status: ItemStatus, reason: String = "", agency: Agency? = nil,
                     unitID: String = "") -> ItemEvent {
        var event = ItemEvent()
        event.kind = kind
        event.atMS = atMS
        event.status = status
        event.reason = reason
        if let agency { event.agency = agency }
        event.unitID = unitID
        return event
    }
}

extension Item {
    /// Moves the item to `status` and returns the event saying so.
    mutating func move(to status: ItemStatus, _ kind: EventKind, atMS: Int64, reason: String = "") -> ItemEvent {
        self.status = status
        return ItemEvent.make(kind, atMS: atMS, status: status, reason: reason)
    }

    /// The agency is acting on an item it has not listed yet: it has reached it, and
    /// the member sees "delivered" before what the agency did.
    mutating func deliveredIfReceived(atMS: Int64) -> [ItemEvent] {
        status == .received ? [move(to: .delivered, .eventDelivered, atMS: atMS)] : []
    }
}
