import ContentContracts
import Store
import ServiceToolkit

/// A member's own records on items: read marks (with the month's row for the report),
/// bookmarks and notes.
struct ReadingRecords {
    let connection: Connection

    /// The first read is kept; every month the member opens the item counts once for
    /// that month, under the member's unit at the time.
    func markRead(itemID: String, memberID: String, unitID: String, nowMs: Int64) throws {
        try connection.execute(
            "INSERT OR IGNORE INTO read_marks (member_id, item_id, read_at_ms) VALUES (?, ?, ?)", [memberID, itemID, nowMs])
        try connection.execute(
            "INSERT OR IGNORE INTO monthly_reads (month, unit_id, member_id, item_id) VALUES (?, ?, ?, ?)",
            [ReportMonth.of(nowMs: nowMs), unitID, memberID, itemID])
    }

    func setBookmark(itemID: String, memberID: String, on: Bool, nowMs: Int64) throws {
        if on {
            try connection.execute(
                "INSERT OR IGNORE INTO bookmarks (member_id, item_id, at_ms) VALUES (?, ?, ?)", [memberID, itemID, nowMs])
        } else {
            try connection.execute("DELETE FROM bookmarks WHERE member_id = ? AND item_id = ?", [memberID, itemID])
        }
    }

    func setNote(itemID: String, memberID: String, text: String, nowMs: Int64) throws {
        if text.isEmpty {
            try connection.execute("DELETE FROM notes WHERE member_id = ? AND item_id = ?", [memberID, itemID])
        } else {
            try connection.execute(
                "INSERT OR REPLACE INTO notes (member_id, item_id, text, updated_at_ms) VALUES (?, ?, ?, ?)",
                [memberID, itemID, text, nowMs])
        }
    }

    /// `items` with the member's read mark, bookmark and note filled in.
    func decorate(_ items: [Item], for memberID: String) throws -> [Item] {
        guard !items.isEmpty else { return items }
        let ids = ReaderScope.jsonArray(items.map(\.id))
        let read = Set(try connection.query(
            "SELECT item_id FROM read_marks WHERE member_id = ? AND item_id IN (SELECT value FROM json_each(?))",
            [memberID, ids]).map { try $0.get(0) as String })
        let bookmarked = Set(try connection.query(
            "SELECT item_id FROM bookmarks WHERE member_id = ? AND item_id IN (SELECT value FROM json_each(?))",
            [memberID, ids]).map { try $0.get(0) as String })
        let notes = Dictionary(try connection.query(
            "SELECT item_id, text FROM notes WHERE member_id = ? AND item_id IN (SELECT value FROM json_each(?))",
            [memberID, ids]).map { (try $0.get(0) as String, try $0.get(1) as String) }, uniquingKeysWith: { first, _ in first })
        return items.map { item in
            var item = item
            item.read = read.contains(item.id)
            item.bookmarked = bookmarked.contains(item.id)
            item.note = notes[item.id] ?? ""
            return item
        }
    }

    /// The month's reads and active members over `unitIDs` (a subtree), and the most read items.
    func counts(month: String, unitIDs: [String]) throws -> ReadingCounts {
        let units = ReaderScope.jsonArray(unitIDs)
        let subtree = "r.month = ? AND r.unit_id IN (SELECT value FROM json_each(?))"
        var counts = ReadingCounts()
        if let row = try connection.queryOne(
            "SELECT count(*), count(DISTINCT r.member_id) FROM monthly_reads r WHERE \(subtree)", [month, units]) {
            counts.reads = try row.get(0)
            counts.activeMembers = try row.get(1)
        }
        counts.items = try connection.query(
            """
            SELECT r.item_id, coalesce(i.title, ''), count(DISTINCT r.member_id) AS readers
            FROM monthly_reads r LEFT JOIN items i ON i.id = r.item_id
            WHERE \(subtree)
            GROUP BY r.item_id ORDER BY readers DESC, r.item_id LIMIT 50
            """,
            [month, units]
        ).map { row in
            var reads = ItemReads()
            reads.itemID = try row.get(0)
            reads.title = try row.get(1)
            reads.readers = try row.get(2)
            return reads
        }
        return counts
    }
}
