import ContentContracts
import Store

/// Full-text search over what the reader may see: items ranked by BM25 (title and
/// number weigh ten times the body), and a document's passages for the assistant.
/// Queries are MATCH expressions built by `SearchExpression` or `AssistantRanking`, bound
/// as arguments, so nothing a user types is ever read as query syntax.
///
/// Ranking is over a bounded pool: the `rankedItems` (for the assistant,
/// `AssistantRanking.candidatePassages`) most recent matches the reader may see, found
/// newest first straight from the index (FTS5 walks its doclists by rowid, and the
/// LIMIT stops the walk), with the visibility condition inside that walk. A word in half
/// the library would otherwise have every one of its matches scored before the first
/// page could be shown; with the pool, a query costs about the same at 20,000 documents
/// as at 100,000. Below the pool's size (rare words, numbers) the ranking is over all
/// matches. Only row ids and scores are ranked: the rows shown are read afterwards.
struct SearchQueries {
    let connection: Connection
    let scope: ReaderScope

    /// Matches of a member's search ranked at most (newest first).
    static let rankedItems = 1_000

    /// One page of hits (the records, best first) from `offset`, and one more row to
    /// tell whether another page follows.
    func items(matching match: String, filters: SearchFilters, offset: Int, limit: Int) throws -> [ItemRecord] {
        let (visible, visibleArguments) = scope.condition
        var arguments = ItemEditor.arguments([match], visibleArguments)
        let filter = filters.condition(into: &arguments)
        arguments += [Int64(Self.rankedItems), Int64(limit), Int64(offset)]
        let rowIDs: [Int64] = try connection.query(
            """
            SELECT id FROM (
                SELECT items_fts.rowid AS id, bm25(items_fts, 10.0, 10.0, 1.0) AS score
                FROM items_fts JOIN items i ON i.rowid = items_fts.rowid
                WHERE items_fts MATCH ? AND i.state IN \(ItemRecord.readableStates) AND \(visible)\(filter)
                ORDER BY items_fts.rowid DESC LIMIT ?)
            ORDER BY score, id LIMIT ? OFFSET ?
            """,
            arguments
        ).map { try $0.get(0) }
        let records = try connection.query(
            "SELECT \(ItemRecord.joinedColumns) FROM items i WHERE i.rowid IN (SELECT value FROM json_each(?))",
            [Self.jsonArray(rowIDs)]
        ).map(ItemRecord.init(row:))
        let byRowID = Dictionary(records.map { ($0.rowID, $0) }, uniquingKeysWith: { first, _ in first })
        return rowIDs.compactMap { byRowID[$0] }
    }

    /// How many passages hold each of `terms` (folded words), counted up to `cap + 1`:
    /// past the cap a word is common, and counting all of its passages would read its
    /// whole doclist. A term in none is left out.
    func passageFrequencies(of terms: [Substring], cap: Int) throws -> [String: Int] {
        var frequencies: [String: Int] = [:]
        for term in Set(terms.map(String.init)) {
            // After the split a term holds only letters and digits: no quote can end its string.
            let count: Int64 = try connection.queryOne(
                "SELECT count(*) FROM (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)",
                ["\"\(term)\"", Int64(cap + 1)])?.get(0) ?? 0
            if count > 0 { frequencies[term] = Int(count) }
        }
        return frequencies
    }

    struct PassageRow: Sendable {
        let itemID, number, title, section, text: String
    }

    /// Up to `limit` candidate passages in documents the reader may see: the best by
    /// BM25 of those holding any of the rarest words (at most
    /// `AssistantRanking.candidatePassages` of them), or, when every word is common, the
    /// shortest of the most recent `candidatePassages` holding them all.
    func passages(_ candidates: AssistantRanking.Candidates, limit: Int) throws -> [PassageRow] {
        let (visible, visibleArguments) = scope.condition
        let order = candidates.common ? "length(p.text)" : "bm25(passages_fts)"
        let passageIDs: [Int64] = try connection.query(
            """
            SELECT id FROM (
                SELECT passages_fts.rowid AS id, \(order) AS score
                FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid JOIN items i ON i.rowid = p.item_rowid
                WHERE passages_fts MATCH ? AND i.state IN \(ItemRecord.readableStates) AND \(visible)
                ORDER BY passages_fts.rowid DESC LIMIT ?)
            ORDER BY score, id LIMIT ?
            """,
            ItemEditor.arguments([candidates.match], visibleArguments,
                                 [Int64(AssistantRanking.candidatePassages), Int64(limit)])
        ).map { try $0.get(0) }
        let rows = try connection.query(
            """
            SELECT p.id, i.id, i.number, i.title, p.section, p.text
            FROM passages p JOIN items i ON i.rowid = p.item_rowid WHERE p.id IN (SELECT value FROM json_each(?))
            """,
            [Self.jsonArray(passageIDs)]
        )
        var byID: [Int64: PassageRow] = [:]
        for row in rows {
            byID[try row.get(0)] = PassageRow(itemID: try row.get(1), number: try row.get(2), title: try row.get(3),
                                              section: try row.get(4), text: try row.get(5))
        }
        return passageIDs.compactMap { byID[$0] }
    }

    /// Row ids as the JSON array `json_each` reads.
    static func jsonArray(_ rowIDs: [Int64]) -> String {
        "[" + rowIDs.map(String.init).joined(separator: ",") + "]"
    }
}
