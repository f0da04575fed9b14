import OrgContracts
import RPC
import ServiceToolkit
import Store

/// The tree through time: a unit's history, the change feed, a snapshot to start
/// following it from, and units and children as they stood at an instant.
struct UnitTimeline {
    let connection: Connection

    static let changeColumns = """
        c.sequence, c.unit_id, c.kind, c.actor_member_id, c.at_ms, c.reason, c.old_parent_id, c.new_parent_id, \
        c.old_name, c.new_name, c.target_unit_id, v.code, v.name, v.kind, v.cell_type, v.parent_id, v.state, \
        v.merged_into_id
        """
    static let changeJoin = "unit_changes c JOIN unit_versions v ON v.unit_id = c.unit_id AND v.sequence = c.sequence"

    /// Newest first.
    func history(of id: String, paging: Paging) throws -> UnitChangeList {
        _ = try UnitRecord.require(id, field: "unit_id", in: connection)
        let before = Int64(paging.after?.first ?? "") ?? .max
        let rows = try connection.query(
            "SELECT \(Self.changeColumns) FROM \(Self.changeJoin) WHERE c.unit_id = ? AND c.sequence < ? "
                + "ORDER BY c.sequence DESC LIMIT ?",
            [id, before, Int64(paging.pageSize + 1)])
        var list = UnitChangeList()
        list.changes = try rows.prefix(paging.pageSize).map(Self.change(from:))
        if let last = list.changes.last {
            list.nextPageToken = paging.token(list: "unit-history", after: [String(last.sequence)],
                                              hasMore: rows.count > paging.pageSize)
        }
        return list
    }

    func changes(after sequence: Int64, limit: Int) throws -> TreeChangeBatch {
        var batch = TreeChangeBatch()
        batch.changes = try connection.query(
            "SELECT \(Self.changeColumns) FROM \(Self.changeJoin) WHERE c.sequence > ? ORDER BY c.sequence LIMIT ?",
            [sequence, Int64(limit)]
        ).map(Self.change(from:))
        batch.latestSequence = try latestSequence()
        return batch
    }

    /// A page of every unit, by id. The first page fixes `as_of_sequence`; later pages
    /// carry it in their token (they may already show newer changes, which replaying
    /// the feed from that sequence makes harmless).
    func snapshot(paging: Paging) throws -> TreeSnapshot {
        let asOf = try paging.after.map { after throws(RPCError) -> Int64 in
            guard after.count == 2, let sequence = Int64(after[0]) else {
                throw RPCError.invalidArgument(field: "page_token", "is damaged")
            }
            return sequence
        } ?? latestSequence()
        let afterID = paging.after?.last ?? ""
        let rows = try connection.query(
            "SELECT \(UnitRecord.columns) FROM units WHERE id > ? ORDER BY id LIMIT ?",
            [afterID, Int64(paging.pageSize + 1)])
        var snapshot = TreeSnapshot()
        snapshot.asOfSequence = asOf
        snapshot.units = try rows.prefix(paging.pageSize).map { try UnitRecord(row: $0).unit }
        if let last = snapshot.units.last {
            snapshot.nextPageToken = paging.token(list: "snapshot", after: [String(asOf), last.id],
                                                  hasMore: rows.count > paging.pageSize)
        }
        return snapshot
    }

    func latestSequence() throws -> Int64 {
        try connection.queryOne("SELECT COALESCE(MAX(sequence), 0) FROM unit_changes")?.get(0) ?? 0
    }

    // MARK: As of an instant

    static let versionColumns = "unit_id, code, name, kind, cell_type, parent_id, state, merged_into_id, valid_from_ms"
    static let validAt = "valid_from_ms <= ? AND (valid_to_ms IS NULL OR valid_to_ms > ?)"

    /// The unit as it stood at `atMs`; NOT_FOUND when it did not exist yet.
    func unit(_ id: String, at atMs: Int64) throws -> OrgUnit {
        let current = try UnitRecord.require(id, field: "unit_id", in: connection)
        guard var unit = try version(of: id, at: atMs) else {
            throw RPCError(.notFound, "unit_id: unit \(id.prefix(64)) did not exist at \(atMs)")
        }
        unit.createdAtMS = current.unit.createdAtMS
        unit.depth = try depth(of: unit, at: atMs)
        return unit
    }

    /// The units active under `id` at `atMs`, by name.
    func children(of id: String, at atMs: Int64, paging: Paging) throws -> UnitList {
        let parent = try unit(id, at: atMs)
        let after = paging.after ?? ["", ""]
        guard after.count == 2 else { throw RPCError.invalidArgument(field: "page_token", "is damaged") }
        let rows = try connection.query(
            """
            SELECT \(Self.versionColumns) FROM unit_versions
            WHERE parent_id = ? AND state = 1 AND \(Self.validAt) AND (name, unit_id) > (?, ?)
            ORDER BY name, unit_id LIMIT ?
            """,
            [id, atMs, atMs, after[0], after[1], Int64(paging.pageSize + 1)])
        var list = UnitList()
        list.units = try rows.prefix(paging.pageSize).map { row in
            var unit = try Self.unit(fromVersion: row)
            unit.depth = parent.depth + 1
            return unit
        }
        if let last = list.units.last {
            list.nextPageToken = paging.token(list: "children-as-of", after: [last.name, last.id],
                                              hasMore: rows.count > paging.pageSize)
        }
        return list
    }

    /// The unit and its descendants active at `atMs`, depth first.
    func subtree(of id: String, at atMs: Int64, paging: Paging) throws -> UnitList {
        let root = try unit(id, at: atMs)
        let after = paging.after?.first ?? ""
        let rows = try connection.query(
            """
            WITH RECURSIVE tree(unit_id, path, depth) AS (
                SELECT ?, '/' || ? || '/', ?
                UNION ALL
                SELECT v.unit_id, tree.path || v.unit_id || '/', tree.depth + 1
                FROM unit_versions v JOIN tree ON v.parent_id = tree.unit_id
                WHERE v.state = 1 AND v.valid_from_ms <= ? AND (v.valid_to_ms IS NULL OR v.valid_to_ms > ?)
            )
            SELECT \(Self.versionColumns.split(separator: ",").map { "v." + $0.trimmingCharacters(in: .whitespaces) }
                        .joined(separator: ", ")), tree.path, tree.depth
            FROM tree JOIN unit_versions v ON v.unit_id = tree.unit_id
                AND v.valid_from_ms <= ? AND (v.valid_to_ms IS NULL OR v.valid_to_ms > ?)
            WHERE tree.path > ? ORDER BY tree.path LIMIT ?
            """,
            [root.id, root.id, Int64(root.depth), atMs, atMs, atMs, atMs, after, Int64(paging.pageSize + 1)])
        var list = UnitList()
        list.units = try rows.prefix(paging.pageSize).map { row in
            var unit = try Self.unit(fromVersion: row)
            unit.depth = Int32(try row.get(10) as Int64)
            return unit
        }
        if let last = rows.prefix(paging.pageSize).last {
            list.nextPageToken = paging.token(list: "subtree-as-of", after: [try last.get(9)],
                                              hasMore: rows.count > paging.pageSize)
        }
        return list
    }

    private func version(of id: String, at atMs: Int64) throws -> OrgUnit? {
        try connection.queryOne(
            "SELECT \(Self.versionColumns) FROM unit_versions WHERE unit_id = ? AND \(Self.validAt) "
                + "ORDER BY sequence DESC LIMIT 1",
            [id, atMs, atMs]
        ).map(Self.unit(fromVersion:))
    }

    /// Walks the parents as they stood at `atMs` (the depth of the tree, a few steps).
    private func depth(of unit: OrgUnit, at atMs: Int64) throws -> Int32 {
        var depth: Int32 = 0
        var parentID = unit.parentID
        while !parentID.isEmpty, depth < 1_000, let parent = try version(of: parentID, at: atMs) {
            depth += 1
            parentID = parent.parentID
        }
        return depth
    }

    static func unit(fromVersion row: Row) throws -> OrgUnit {
        var unit = OrgUnit()
        unit.id = try row.get(0)
        unit.code = try row.get(1)
        unit.name = try row.get(2)
        unit.kind = UnitKind(rawValue: Int32(try row.get(3) as Int64))
        unit.cellType = CellType(rawValue: Int32(try row.get(4) as Int64))
        unit.parentID = try row.get(5, as: String?.self) ?? ""
        unit.state = UnitState(rawValue: Int32(try row.get(6) as Int64))
        unit.mergedIntoID = try row.get(7, as: String?.self) ?? ""
        unit.updatedAtMS = try row.get(8)
        return unit
    }

    static func change(from row: Row) throws -> UnitChange {
        var change = UnitChange()
        change.sequence = try row.get(0)
        change.unitID = try row.get(1)
        change.kind = UnitChangeKind(rawValue: Int32(try row.get(2) as Int64))
        change.actorMemberID = try row.get(3)
        change.atMS = try row.get(4)
        change.reason = try row.get(5)
        change.oldParentID = try row.get(6, as: String?.self) ?? ""
        change.newParentID = try row.get(7, as: String?.self) ?? ""
        change.oldName = try row.get(8, as: String?.self) ?? ""
        change.newName = try row.get(9, as: String?.self) ?? ""
        change.targetUnitID = try row.get(10, as: String?.self) ?? ""
        var unit = OrgUnit()
        unit.id = change.unitID
        unit.code = try row.get(11)
        unit.name = try row.get(12)
        unit.kind = UnitKind(rawValue: Int32(try row.get(13) as Int64))
        unit.cellType = CellType(rawValue: Int32(try row.get(14) as Int64))
        unit.parentID = try row.get(15, as: String?.self) ?? ""
        unit.state = UnitState(rawValue: Int32(try row.get(16) as Int64))
        unit.mergedIntoID = try row.get(17, as: String?.self) ?? ""
        unit.updatedAtMS = change.atMS
        change.unit = unit
        return change
    }
}
