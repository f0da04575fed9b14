import FeedbackContracts
import Store

/// Items on the writer's or a reader's connection: each row keeps the item as its
/// contract message (events apart, in `item_events`) and the columns that inbox,
/// member lists, the sweep and statistics query, all written from that message.
struct ItemStore {
    let connection: Connection

    /// The item with its events, or nil.
    func find(_ id: String) throws -> Item? {
        guard let row = try connection.queryOne("SELECT record FROM items WHERE id = ?", [id]) else { return nil }
        var item = try Item(wireEncoded: try row.get(0, as: [UInt8].self))
        item.events = try events(of: id)
        return item
    }

    func events(of id: String) throws -> [ItemEvent] {
        try connection.query("SELECT record FROM item_events WHERE item_id = ? ORDER BY sequence", [id]).map { row in
            try ItemEvent(wireEncoded: try row.get(0, as: [UInt8].self))
        }
    }

    /// Items from rows whose first column is the record (lists: no events).
    static func items(_ rows: [Row]) throws -> [Item] {
        try rows.map { row in try Item(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }

    func insert(_ item: Item) throws {
        try connection.execute(
            """
            INSERT INTO items (id, member_id, agency_unit_id, agency_kind, status, is_open, due_at_ms, escalated_to_unit_id,
                               submitted_at_ms, first_due_at_ms, record)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [item.id, item.memberID, item.owner.unitID, Int64(item.owner.kind.rawValue), Int64(item.status.rawValue),
             item.status.isOpen, item.dueAtMS, item.escalatedToUnitID, item.submittedAtMS, item.dueAtMS,
             Self.record(item)])
    }

    /// Writes the item's new state; the first answer and the first decision are kept
    /// once set (statistics measure the time to them).
    func update(_ item: Item, nowMs: Int64) throws {
        let answered: Int64? = item.status == .answered ? nowMs : nil
        let decided: Int64? = item.status.isDecided ? nowMs : nil
        try connection.execute(
            """
            UPDATE items SET agency_unit_id = ?, agency_kind = ?, status = ?, is_open = ?, due_at_ms = ?,
                escalated_to_unit_id = ?, first_answered_at_ms = COALESCE(first_answered_at_ms, ?),
                first_decided_at_ms = COALESCE(first_decided_at_ms, ?), record = ?
            WHERE id = ?
            """,
            [item.owner.unitID, Int64(item.owner.kind.rawValue), Int64(item.status.rawValue), item.status.isOpen,
             item.dueAtMS, item.escalatedToUnitID, answered, decided, Self.record(item), item.id])
    }

    func append(_ events: [ItemEvent], to itemID: String) throws {
        let last = try connection.queryOne("SELECT MAX(sequence) FROM item_events WHERE item_id = ?", [itemID])
        var sequence = (try last?.get(0, as: Int64?.self) ?? nil) ?? 0
        for event in events {
            sequence += 1
            try connection.execute("INSERT INTO item_events (item_id, sequence, record) VALUES (?, ?, ?)",
                                   [itemID, sequence, event.wireEncoded()])
        }
    }

    /// The stored message: events live in their own table.
    private static func record(_ item: Item) -> [UInt8] {
        var stored = item
        stored.events = []
        return stored.wireEncoded()
    }
}
