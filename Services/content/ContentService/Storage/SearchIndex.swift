import ContentContracts
import Store

/// Keeps what members can find in step with the items: the title, number and body
/// (`IndexText`) of every published or archived item in `items_fts` (the title and
/// number also in `titles_fts`), and a document's passages
/// (`PassageSplitter`) in `passages`/`passages_fts`. Written in the transaction of the
/// step that changes them, so search never shows an item members may no longer read.
struct SearchIndex {
    let connection: Connection

    /// Writes the item's current revision in place of what was indexed before.
    func reindex(_ record: ItemRecord) throws {
        try remove(record)
        let content = record.content
        let title = IndexText.prepared(content.title)
        let number = IndexText.prepared(content.number)
        try connection.execute(
            "INSERT INTO items_fts (rowid, title, number, body) VALUES (?, ?, ?, ?)",
            [record.rowID, title, number, IndexText.prepared(content.body)])
        try connection.execute("INSERT INTO titles_fts (rowid, title, number) VALUES (?, ?, ?)", [record.rowID, title, number])
        guard record.item.kind.isDocument else { return }
        for (ordinal, passage) in PassageSplitter.split(content.body).enumerated() {
            try connection.execute(
                "INSERT INTO passages (item_rowid, ordinal, section, text) VALUES (?, ?, ?, ?)",
                [record.rowID, Int64(ordinal), passage.section, passage.text])
            try connection.execute(
                "INSERT INTO passages_fts (rowid, text) VALUES (?, ?)",
                [connection.lastInsertRowID, IndexText.prepared(passage.section + "\n" + passage.text)])
        }
    }

    func remove(_ record: ItemRecord) throws {
        try connection.execute("DELETE FROM items_fts WHERE rowid = ?", [record.rowID])
        try connection.execute("DELETE FROM titles_fts WHERE rowid = ?", [record.rowID])
        try connection.execute(
            "DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM passages WHERE item_rowid = ?)", [record.rowID])
        try connection.execute("DELETE FROM passages WHERE item_rowid = ?", [record.rowID])
    }
}
