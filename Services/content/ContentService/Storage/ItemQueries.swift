import ContentContracts
import RPC
import ServiceToolkit
import Store

/// The lists members read: the feed, the library, a batch of ids, bookmarks.
struct ItemQueries {
    let connection: Connection
    let scope: ReaderScope

    /// Published items newest first; `kinds` empty for all; without those `memberID` has read.
    func feed(memberID: String, kinds: [ItemKind], unreadOnly: Bool, paging: Paging) throws -> ItemList {
        let (visible, visibleArguments) = scope.condition
        var sql = "SELECT \(ItemRecord.summaryColumns) FROM items i WHERE i.state = 3 AND \(visible)"
        var arguments = visibleArguments
        if !kinds.isEmpty {
            sql += " AND i.kind IN (SELECT value FROM json_each(?))"
            arguments.append("[" + kinds.map { String($0.rawValue) }.joined(separator: ",") + "]")
        }
        if unreadOnly {
            sql += " AND NOT EXISTS (SELECT 1 FROM read_marks r WHERE r.member_id = ? AND r.item_id = i.id)"
            arguments.append(memberID)
        }
        if let after = paging.after, after.count == 2, let time = Int64(after[0]), let row = Int64(after[1]) {
            sql += " AND (i.published_at_ms, i.rowid) < (?, ?)"
            arguments += [time, row]
        }
        sql += " ORDER BY i.published_at_ms DESC, i.rowid DESC LIMIT ?"
        arguments.append(Int64(paging.pageSize + 1))
        return try page(try connection.query(sql, arguments), paging: paging, list: "feed") { record, _ in
            [String(record.item.publishedAtMS), String(record.rowID)]
        }
    }

    /// Readable documents, newest issue date first.
    func library(kind: ItemKind, issuerFolded: String, year: Int32, status: DocumentStatus, paging: Paging) throws
        -> ItemList
    {
        let (visible, visibleArguments) = scope.condition
        var sql = "SELECT \(ItemRecord.summaryColumns) FROM items i WHERE i.state IN \(ItemRecord.readableStates) AND \(visible)"
        var arguments = visibleArguments
        let kinds = kind == .unspecified ? ItemKind.documents : [kind]
        sql += " AND i.kind IN (SELECT value FROM json_each(?))"
        arguments.append("[" + kinds.map { String($0.rawValue) }.sorted().joined(separator: ",") + "]")
        sql += SearchFilters(kind: .unspecified, issuerFolded: issuerFolded, year: year, status: status)
            .condition(into: &arguments)
        if let after = paging.after, after.count == 2, let row = Int64(after[1]) {
            sql += " AND (i.issue_date, i.rowid) < (?, ?)"
            arguments += [after[0], row]
        }
        sql += " ORDER BY i.issue_date DESC, i.rowid DESC LIMIT ?"
        arguments.append(Int64(paging.pageSize + 1))
        return try page(try connection.query(sql, arguments), paging: paging, list: "library") { record, _ in
            [record.content.issueDate, String(record.rowID)]
        }
    }

    /// The readable items among `ids`, in the order asked, with their bodies; the rest left out.
    func batch(_ ids: [String]) throws -> [ItemRecord] {
        let (visible, visibleArguments) = scope.condition
        let rows = try connection.query(
            """
            SELECT \(ItemRecord.joinedColumns) FROM items i
            WHERE i.id IN (SELECT value FROM json_each(?)) AND i.state IN \(ItemRecord.readableStates) AND \(visible)
            """,
            ItemEditor.arguments([ReaderScope.jsonArray(ids)], visibleArguments))
        let found = Dictionary(try rows.map { row in let record = try ItemRecord(row: row); return (record.item.id, record) },
                               uniquingKeysWith: { first, _ in first })
        return ids.compactMap { found[$0] }
    }

    /// The member's bookmarked items that they may still read, newest bookmark first.
    func bookmarks(memberID: String, paging: Paging) throws -> ItemList {
        let (visible, visibleArguments) = scope.condition
        var sql = """
            SELECT \(ItemRecord.summaryColumns), b.at_ms FROM bookmarks b JOIN items i ON i.id = b.item_id
            WHERE b.member_id = ? AND i.state IN \(ItemRecord.readableStates) AND \(visible)
            """
        var arguments = ItemEditor.arguments([memberID], visibleArguments)
        if let after = paging.after, after.count == 2, let time = Int64(after[0]) {
            sql += " AND (b.at_ms, b.item_id) < (?, ?)"
            arguments += [time, after[1]]
        }
        sql += " ORDER BY b.at_ms DESC, b.item_id DESC LIMIT ?"
        arguments.append(Int64(paging.pageSize + 1))
        return try page(try connection.query(sql, arguments), paging: paging, list: "bookmarks") { record, row in
            [String(try row.get(21) as Int64), record.item.id]
        }
    }

    /// A page from rows selected with `ItemRecord.columns` first, one more than the
    /// page size to tell whether another follows.
    private func page(_ rows: [Row], paging: Paging, list: String, key: (ItemRecord, Row) throws -> [String]) throws
        -> ItemList
    {
        let shown = rows.prefix(paging.pageSize)
        let records = try shown.map(ItemRecord.init(row:))
        var result = ItemList()
        result.items = records.map(\.summary)
        if let last = records.last, let lastRow = shown.last {
            result.nextPageToken = paging.token(list: list, after: try key(last, lastRow), hasMore: rows.count > paging.pageSize)
        }
        return result
    }
}
