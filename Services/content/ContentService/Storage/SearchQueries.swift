import ContentContracts
import Store

/// Full-text search over what the reader may see: items ranked by BM25 (title and
/// number weigh ten times the body), and a document's passages for the assistant.
/// Queries are MATCH expressions built by `SearchExpression` or `AssistantRanking`, bound
/// as arguments, so nothing a user types is ever read as query syntax.
///
/// Ranking never reads the documents, and is over bounded pools found newest first
/// straight from the index (FTS5 walks its doclists by rowid, and a LIMIT stops the
/// walk), with who may read each match checked inside the walk in `item_facets` (rows of
/// a few bytes, where `items` rows carry whole bodies). A word in half the library would
/// otherwise have every one of its matches scored before the first page could be shown.
/// Only row ids and scores are ranked: the rows shown are read afterwards.
struct SearchQueries {
    let connection: Connection
    let scope: ReaderScope

    /// Matches of a member's search ranked at most in each tier (newest first).
    static let rankedItems = 1_000

    /// One page of hits (the records, best first, each with whether its title or
    /// number holds the query) from `offset`, and one more row to tell whether another
    /// page follows. Items whose title or number holds the query
    /// come first, ranked by BM25 over `titles_fts` (its weights counted over short
    /// doclists), among the newest `rankedItems` of them; then items that hold it in
    /// their body (and are not among those), newest first, `rankedItems` at most. Below
    /// that many matches (rare words, numbers) every match is ranked.
    func items(matching match: String, filters: SearchFilters, offset: Int, limit: Int) throws
        -> [(record: ItemRecord, inTitle: Bool)]
    {
        let (visible, visibleArguments) = scope.condition
        var filterArguments: [(any SQLValueConvertible)?] = []
        let filter = filters.condition(into: &filterArguments)
        let readable = "i.state IN \(ItemRecord.readableStates) AND \(visible)\(filter)"
        let titled: [Int64] = try connection.query(
            """
            SELECT id FROM (
                SELECT titles_fts.rowid AS id, bm25(titles_fts) AS score
                FROM titles_fts JOIN item_facets i ON i.item_rowid = titles_fts.rowid
                WHERE titles_fts MATCH ? AND \(readable)
                ORDER BY titles_fts.rowid DESC LIMIT ?)
            ORDER BY score, id
            """,
            ItemEditor.arguments([match], visibleArguments, filterArguments, [Int64(Self.rankedItems)])
        ).map { try $0.get(0) }
        var ranked = titled.dropFirst(offset).prefix(limit).map { (rowID: $0, inTitle: true) }
        // Body matches only when the page reaches past the title matches: walking them
        // was half of a common word's search.
        let bodyOffset = max(0, offset - titled.count)
        let bodyRows = min(limit - ranked.count, Self.rankedItems - bodyOffset)
        if bodyRows > 0 {
            ranked += try connection.query(
                """
                SELECT items_fts.rowid FROM items_fts JOIN item_facets i ON i.item_rowid = items_fts.rowid
                WHERE items_fts MATCH ? AND \(readable) AND items_fts.rowid NOT IN (SELECT value FROM json_each(?))
                ORDER BY items_fts.rowid DESC LIMIT ? OFFSET ?
                """,
                ItemEditor.arguments([match], visibleArguments, filterArguments,
                                     [Self.jsonArray(titled), Int64(bodyRows), Int64(bodyOffset)])
            ).map { (rowID: try $0.get(0), inTitle: false) }
        }
        let records = try connection.query(
            "SELECT \(ItemRecord.joinedColumns) FROM items i WHERE i.rowid IN (SELECT value FROM json_each(?))",
            [Self.jsonArray(ranked.map(\.rowID))]
        ).map(ItemRecord.init(row:))
        let byRowID = Dictionary(records.map { ($0.rowID, $0) }, uniquingKeysWith: { first, _ in first })
        return ranked.compactMap { hit in byRowID[hit.rowID].map { ($0, hit.inTitle) } }
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
    /// shortest of at most `candidatePassages` holding them all among the newest
    /// `AssistantRanking.commonWordWindow` passages (common words seldom meet: walking
    /// their whole doclists for the few passages that hold them all grows with the
    /// library). The walk is in rowid order: FTS5 walks several words' doclists
    /// backwards five times slower.
    func passages(_ candidates: AssistantRanking.Candidates, limit: Int) throws -> [PassageRow] {
        let (visible, visibleArguments) = scope.condition
        let order = candidates.common ? "length(p.text)" : "bm25(passages_fts)"
        let newest: Int64 = try connection.queryOne("SELECT coalesce(max(id), 0) FROM passages")?.get(0) ?? 0
        let after = candidates.common ? newest - Int64(AssistantRanking.commonWordWindow) : 0
        let passageIDs: [Int64] = try connection.query(
            """
            SELECT id FROM (
                SELECT passages_fts.rowid AS id, \(order) AS score
                FROM passages_fts JOIN passages p ON p.id = passages_fts.rowid
                    JOIN item_facets i ON i.item_rowid = p.item_rowid
                WHERE passages_fts MATCH ? AND passages_fts.rowid > ? AND i.state IN \(ItemRecord.readableStates) AND \(visible)
                ORDER BY passages_fts.rowid LIMIT ?)
            ORDER BY score, id LIMIT ?
            """,
            ItemEditor.arguments([candidates.match, after], visibleArguments,
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
