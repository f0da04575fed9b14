import OrgContracts
import RPC
import ServiceToolkit
import Store

/// The tree's reads, on a reader connection (one snapshot per call).
struct UnitQueries {
    let connection: Connection

    func unit(_ id: String) throws -> OrgUnit {
        try UnitRecord.require(id, field: "unit_id", in: connection).unit
    }

    /// Active children, by name.
    func children(of id: String, paging: Paging) throws -> UnitList {
        _ = try UnitRecord.require(id, field: "unit_id", in: connection)
        let after = paging.after ?? ["", ""]
        guard after.count == 2 else { throw RPCError.invalidArgument(field: "page_token", "is damaged") }
        let rows = try connection.query(
            """
            SELECT \(UnitRecord.columns), name_folded FROM units
            WHERE parent_id = ? AND state = 1 AND (name_folded, id) > (?, ?)
            ORDER BY name_folded, id LIMIT ?
            """,
            [id, after[0], after[1], Int64(paging.pageSize + 1)])
        return try page(rows, paging: paging, list: "children") { row in [try row.get(13), try row.get(0)] }
    }

    func ancestors(of id: String) throws -> UnitList {
        let record = try UnitRecord.require(id, field: "unit_id", in: connection)
        let ids = record.ancestorIDs
        var list = UnitList()
        guard !ids.isEmpty else { return list }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let byID = Dictionary(uniqueKeysWithValues: try connection.query(
            "SELECT \(UnitRecord.columns) FROM units WHERE id IN (\(placeholders))", ids.map { $0 }
        ).map { row in let unit = try UnitRecord(row: row).unit; return (unit.id, unit) })
        list.units = ids.compactMap { byID[$0] }
        return list
    }

    /// The unit and its active descendants, depth first (path order).
    func subtree(of id: String, paging: Paging) throws -> UnitList {
        let record = try UnitRecord.require(id, field: "unit_id", in: connection)
        let after = paging.after?.first ?? ""
        let rows = try connection.query(
            """
            SELECT \(UnitRecord.columns) FROM units
            WHERE path >= ? AND path < ? AND path > ? AND state = 1 ORDER BY path LIMIT ?
            """,
            [record.path, subtreeEnd(record.path), after, Int64(paging.pageSize + 1)])
        return try page(rows, paging: paging, list: "subtree") { row in [try row.get(6)] }
    }

    /// Active units whose name holds the words of `query` (folded), in one subtree.
    func search(_ query: String, within id: String, paging: Paging) throws -> UnitList {
        guard let match = FullTextQuery.matchExpression(for: query) else {
            throw RPCError.invalidArgument(field: "query", "needs at least one word")
        }
        var range = ["", "~"]
        if !id.isEmpty {
            let root = try UnitRecord.require(id, field: "within_unit_id", in: connection)
            range = [root.path, subtreeEnd(root.path)]
        }
        let after = Int64(paging.after?.first ?? "0") ?? 0
        let rows = try connection.query(
            """
            SELECT \(UnitRecord.columns), u.rowid FROM units_fts f JOIN units u ON u.rowid = f.rowid
            WHERE units_fts MATCH ? AND u.state = 1 AND u.path >= ? AND u.path < ? AND f.rowid > ?
            ORDER BY f.rowid LIMIT ?
            """,
            [match, range[0], range[1], after, Int64(paging.pageSize + 1)])
        return try page(rows, paging: paging, list: "unit-search") { row in [String(try row.get(13) as Int64)] }
    }

    func counts(of id: String) throws -> SubtreeCounts {
        let record = try UnitRecord.require(id, field: "unit_id", in: connection)
        return try TotalsTable.read(record.id, in: connection).counts(unitID: record.id)
    }

    /// A page of units from rows selected with `UnitRecord.columns` first, one more
    /// than the page size to tell whether another page follows.
    private func page(_ rows: [Row], paging: Paging, list: String, key: (Row) throws -> [String]) throws -> UnitList {
        var result = UnitList()
        let shown = rows.prefix(paging.pageSize)
        result.units = try shown.map { try UnitRecord(row: $0).unit }
        if let last = shown.last {
            result.nextPageToken = paging.token(list: list, after: try key(last), hasMore: rows.count > paging.pageSize)
        }
        return result
    }
}
