import OrgContracts
import RPC
import ServiceToolkit
import Store

/// The member registry's reads, on a reader connection.
struct MemberQueries {
    let connection: Connection
    let vault: MemberVault

    /// Below this many members in the subtree, a search walks the subtree's units and
    /// filters names; above it, the full-text index drives the search.
    static let walkLimit: Int64 = 50_000

    static let searchLists: Set<String> = ["members-walk", "members-text"]

    static let summaryColumns = "m.id, m.full_name, m.unit_id, m.status, m.birth_date, m.gender"

    func member(_ id: String) throws -> MemberRecord {
        try MemberRecord.require(id, vault: vault, in: connection)
    }

    /// Members of the units under `unitID`, optionally by name words and statuses.
    func search(_ query: String, within unitID: String, statuses: [MemberStatus], paging: Paging) throws
        -> MemberSummaryList
    {
        let root = try UnitRecord.require(unitID, field: "within_unit_id", in: connection)
        let words = FullTextQuery.words(of: query)
        let statusFilter = statuses.isEmpty ? "" : "AND m.status IN (\(statuses.map { String($0.rawValue) }.joined(separator: ", ")))"
        // A later page continues in the order its token came from.
        let walks: Bool
        if let list = paging.tokenList {
            walks = list == "members-walk"
        } else {
            walks = try words.isEmpty || TotalsTable.read(root.id, in: connection).counts(unitID: root.id).members <= Self.walkLimit
        }
        if walks {
            return try walk(root, words: words, statusFilter: statusFilter, paging: paging)
        }
        return try fullText(root, query: query, statusFilter: statusFilter, paging: paging)
    }

    /// Units in path order, members of each by name: cheap for a cell or a commune and
    /// for listing without a query at any size. SQL narrows to names that contain each
    /// word somewhere; `FullTextQuery.matches` then applies the search rule itself, the
    /// one the full-text index applies on the other path, so both find the same people.
    private func walk(_ root: UnitRecord, words: [Substring], statusFilter: String, paging: Paging) throws
        -> MemberSummaryList
    {
        var after = paging.after ?? [root.path, "", ""]
        guard after.count == 3, after[0] >= root.path else {
            throw RPCError.invalidArgument(field: "page_token", "is damaged or from another search")
        }
        let nameFilter = words.map { _ in "AND m.name_folded LIKE ? ESCAPE '\\'" }.joined(separator: " ")
        let patterns: [(any SQLValueConvertible)?] = words.map { "%" + Self.escapeLike(String($0)) + "%" }
        let batch = max(paging.pageSize + 1, Self.walkBatch)
        var kept: [Row] = []
        while kept.count <= paging.pageSize {
            let rows = try connection.query(
                """
                SELECT \(Self.summaryColumns), u.path, m.name_folded FROM units u JOIN members m ON m.unit_id = u.id
                WHERE u.path >= ? AND u.path < ? AND (u.path, m.name_folded, m.id) > (?, ?, ?) \(statusFilter) \(nameFilter)
                ORDER BY u.path, m.name_folded, m.id LIMIT ?
                """,
                [root.path, subtreeEnd(root.path), after[0], after[1], after[2]] + patterns + [Int64(batch)])
            for row in rows where FullTextQuery.matches(words, in: try row.get(7)) { kept.append(row) }
            guard rows.count == batch, let last = rows.last else { break }
            after = try Self.walkKey(last)
        }
        return try page(Array(kept.prefix(paging.pageSize + 1)), paging: paging, list: "members-walk", key: Self.walkKey)
    }

    /// How many rows the walk reads at a time while filling a page.
    private static let walkBatch = 200

    /// Where a walk stands after `row`: unit path, folded name, member id.
    private static func walkKey(_ row: Row) throws -> [String] {
        [try row.get(6), try row.get(7), try row.get(0)]
    }

    /// Matches from the full-text index in index order, kept when in the subtree.
    private func fullText(_ root: UnitRecord, query: String, statusFilter: String, paging: Paging) throws
        -> MemberSummaryList
    {
        guard let match = FullTextQuery.matchExpression(for: query) else {
            throw RPCError.invalidArgument(field: "query", "needs at least one word")
        }
        let after = Int64(paging.after?.first ?? "0") ?? 0
        let rows = try connection.query(
            """
            SELECT \(Self.summaryColumns), f.rowid FROM members_fts f JOIN members m ON m.rowid = f.rowid
            JOIN units u ON u.id = m.unit_id
            WHERE members_fts MATCH ? AND f.rowid > ? AND u.path >= ? AND u.path < ? \(statusFilter)
            ORDER BY f.rowid LIMIT ?
            """,
            [match, after, root.path, subtreeEnd(root.path), Int64(paging.pageSize + 1)])
        return try page(rows, paging: paging, list: "members-text") { row in [String(try row.get(6) as Int64)] }
    }

    private func page(_ rows: [Row], paging: Paging, list: String, key: (Row) throws -> [String]) throws
        -> MemberSummaryList
    {
        var result = MemberSummaryList()
        let shown = rows.prefix(paging.pageSize)
        result.members = try shown.map { row in
            var summary = MemberSummary()
            summary.id = try row.get(0)
            summary.fullName = try row.get(1)
            summary.unitID = try row.get(2)
            summary.status = MemberStatus(rawValue: Int32(try row.get(3) as Int64))
            summary.birthYear = Int32(ISODate.components(try row.get(4))?.year ?? 0)
            summary.gender = Gender(rawValue: Int32(try row.get(5) as Int64))
            return summary
        }
        if let last = shown.last {
            result.nextPageToken = paging.token(list: list, after: try key(last), hasMore: rows.count > paging.pageSize)
        }
        return result
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// Newest first.
    func history(of memberID: String, paging: Paging) throws -> MemberChangeList {
        _ = try MemberRecord.require(memberID, vault: vault, in: connection)
        let before = Int64(paging.after?.first ?? "") ?? .max
        let rows = try connection.query(
            """
            SELECT sequence, member_id, kind, actor_member_id, at_ms, reason, fields, from_unit_id, to_unit_id
            FROM member_changes WHERE member_id = ? AND sequence < ? ORDER BY sequence DESC LIMIT ?
            """,
            [memberID, before, Int64(paging.pageSize + 1)])
        var list = MemberChangeList()
        list.changes = try rows.prefix(paging.pageSize).map { row in
            var change = MemberChange()
            change.sequence = try row.get(0)
            change.memberID = try row.get(1)
            change.kind = MemberChangeKind(rawValue: Int32(try row.get(2) as Int64))
            change.actorMemberID = try row.get(3)
            change.atMS = try row.get(4)
            change.reason = try row.get(5)
            change.fields = (try row.get(6) as String).split(separator: ",").map(String.init)
            change.fromUnitID = try row.get(7, as: String?.self) ?? ""
            change.toUnitID = try row.get(8, as: String?.self) ?? ""
            return change
        }
        if let last = list.changes.last {
            list.nextPageToken = paging.token(list: "member-history", after: [String(last.sequence)],
                                              hasMore: rows.count > paging.pageSize)
        }
        return list
    }

    /// Whether one active member has this card, this name (folded) and this birth
    /// date. Every kind of mismatch gives the same empty answer.
    func checkCard(cardNumber: String, fullName: String, birthDate: String) throws -> CheckCardResponse {
        var answer = CheckCardResponse()
        let lookup = try vault.lookup(cardNumber, purpose: "card")
        guard let row = try connection.queryOne(
            "SELECT id, unit_id, name_folded, birth_date, status FROM members WHERE card_lookup = ?", [lookup])
        else { return answer }
        let nameMatches = (try row.get(2) as String) == TextFolding.fold(fullName)
        let birthMatches = (try row.get(3) as String) == birthDate
        let active = [MemberStatus.probationary, .official, .exempt]
            .contains(MemberStatus(rawValue: Int32(try row.get(4) as Int64)))
        guard nameMatches, birthMatches, active else { return answer }
        answer.matched = true
        answer.memberID = try row.get(0)
        answer.unitID = try row.get(1)
        return answer
    }
}
