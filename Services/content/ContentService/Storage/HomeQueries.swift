import ContentContracts
import Store

/// The home screen's reading: among the newest published items a reader may see, those
/// they have not opened. The window bounds the work to one index range, however long
/// the member has been away.
struct HomeQueries {
    let connection: Connection
    let scope: ReaderScope

    /// Unread headlines among the newest `window` readable items, newest first.
    func unreadHeadlines(memberID: String, window: Int) throws -> [Headline] {
        let (visible, arguments) = scope.condition
        let rows = try connection.query(
            """
            SELECT newest.id, newest.kind, newest.title, newest.number, newest.published_at_ms
            FROM (SELECT i.id, i.kind, i.title, i.number, i.published_at_ms, i.rowid AS row FROM items i
                  WHERE i.state = 3 AND \(visible) ORDER BY i.published_at_ms DESC, i.rowid DESC LIMIT ?) newest
            WHERE NOT EXISTS (SELECT 1 FROM read_marks r WHERE r.member_id = ? AND r.item_id = newest.id)
            ORDER BY newest.published_at_ms DESC, newest.row DESC
            """, arguments + [Int64(window), memberID])
        return try rows.map { row in
            var headline = Headline()
            headline.id = try row.get(0)
            headline.kind = ItemKind(rawValue: Int32(try row.get(1) as Int))
            headline.title = try row.get(2)
            headline.number = try row.get(3)
            headline.publishedAtMS = try row.get(4)
            return headline
        }
    }
}
