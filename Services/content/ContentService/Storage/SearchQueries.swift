import ContentContracts
import Store

/// Full-text search over what the reader may see: items ranked by BM25 (title and
/// number weigh ten times the body), and a document's passages for the assistant.
/// Queries are MATCH expressions built by `FullTextQuery` or `AssistantRanking`, bound
/// as arguments, so nothing a user types is ever read as query syntax.
struct SearchQueries {
    let connection: Connection
    let scope: ReaderScope

    /// One page of hits (the records, best first) from `offset`, and one more row to
    /// tell whether another page follows.
    func items(matching match: String, filters: SearchFilters, offset: Int, limit: Int) throws -> [ItemRecord] {
        let (visible, visibleArguments) = scope.condition
        var arguments = ItemEditor.arguments([match], visibleArguments)
        let filter = filters.condition(into: &arguments)
        arguments += [Int64(limit), Int64(offset)]
        return try connection.query(
            """
            SELECT \(ItemRecord.joinedColumns) FROM items_fts JOIN items i ON i.rowid = items_fts.rowid
            WHERE items_fts MATCH ? AND i.state IN \(ItemRecord.readableStates) AND \(visible)\(filter)
            ORDER BY bm25(items_fts, 10.0, 10.0, 1.0), i.rowid LIMIT ? OFFSET ?
            """,
            arguments
        ).map(ItemRecord.init(row:))
    }

    /// How many passages hold each of `terms` (folded words); a term in none is left out.
    func passageFrequencies(of terms: [Substring]) throws -> [String: Int] {
        // One lookup per term: fts5vocab seeks on `term = ?`, while other conditions
        // would make it count every word of the index.
        var frequencies: [String: Int] = [:]
        for term in Set(terms.map(String.init)) {
            if let count: Int64 = try connection.queryOne("SELECT doc FROM passages_vocab WHERE term = ?", [term])?.get(0) {
                frequencies[term] = Int(count)
            }
        }
        return frequencies
    }

    struct PassageRow: Sendable {
        let itemID, number, title, section, text: String
    }

    /// Up to `limit` candidate passages holding any of the question's terms, best BM25 first.
    func passages(matching match: String, limit: Int) throws -> [PassageRow] {
        let (visible, visibleArguments) = scope.condition
        return try connection.query(
            """
            SELECT i.id, i.number, i.title, p.section, p.text
            FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN items i ON i.rowid = p.item_rowid
            WHERE passages_fts MATCH ? AND i.state IN \(ItemRecord.readableStates) AND \(visible)
            ORDER BY bm25(passages_fts) LIMIT ?
            """,
            ItemEditor.arguments([match], visibleArguments, [Int64(limit)])
        ).map { row in
            PassageRow(itemID: try row.get(0), number: try row.get(1), title: try row.get(2), section: try row.get(3),
                       text: try row.get(4))
        }
    }
}
