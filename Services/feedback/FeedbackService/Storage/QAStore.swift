import FeedbackContracts
import Store

/// The public Q&A: answers marked public, under the question as the agency published
/// it, without the asker. Listed for the subtree of the agency's committee and
/// searched folded ("hoc tap" finds "học tập").
struct QAStore {
    let connection: Connection

    /// Publishes `item`'s answer when it is public; a later answer replaces it, a
    /// private one withdraws it.
    func publish(_ item: Item) throws {
        if let old = try connection.queryOne("SELECT rowid FROM qa_entries WHERE item_id = ?", [item.id]) {
            let rowid: Int64 = try old.get(0)
            try connection.execute("DELETE FROM qa_fts WHERE rowid = ?", [rowid])
            try connection.execute("DELETE FROM qa_entries WHERE rowid = ?", [rowid])
        }
        guard let answer = item.answer, answer.visibility == .public else { return }
        var entry = QAEntry()
        entry.itemID = item.id
        entry.agency = item.agency
        entry.question = answer.publicQuestion
        entry.answer = answer.text
        entry.answeredAtMS = answer.answeredAtMS
        entry.category = item.category
        try connection.execute(
            "INSERT INTO qa_entries (item_id, agency_unit_id, answered_at_ms, record) VALUES (?, ?, ?, ?)",
            [item.id, item.owner.unitID, entry.answeredAtMS, entry.wireEncoded()])
        try connection.execute("INSERT INTO qa_fts (rowid, folded) VALUES (last_insert_rowid(), ?)",
                               [TextFolding.fold(entry.question + " " + entry.answer)])
    }

    /// Entries published by agencies of `unitIDs` (the reader's unit and its
    /// ancestors), newest first, matching `match` (an FTS5 expression) when given,
    /// after the sort key `after`.
    func search(unitIDs: [String], match: String?, after: (Int64, String)?, limit: Int) throws -> [QAEntry] {
        let units = Array(repeating: "?", count: unitIDs.count).joined(separator: ",")
        let (afterMs, afterID) = after ?? (Int64.max, "")
        var arguments: [(any SQLValueConvertible)?] = unitIDs
        arguments += [afterMs, afterID]
        var join = ""
        if let match {
            join = "JOIN qa_fts f ON f.rowid = e.rowid AND qa_fts MATCH ?"
            arguments.insert(match, at: 0)
        }
        let rows = try connection.query(
            """
            SELECT e.record FROM qa_entries e \(join)
            WHERE e.agency_unit_id IN (\(units)) AND (e.answered_at_ms, e.item_id) < (?, ?)
            ORDER BY e.answered_at_ms DESC, e.item_id DESC LIMIT ?
            """,
            arguments + [Int64(limit)])
        return try rows.map { row in try QAEntry(wireEncoded: try row.get(0, as: [UInt8].self)) }
    }
}
