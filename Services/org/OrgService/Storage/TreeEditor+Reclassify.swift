import OrgContracts
import RPC
import Store

extension TreeEditor {
    /// Changes a unit's kind or cell type (the registry reclassified it), keeping the
    /// subtree totals right: the unit moves between the unit columns, and its own
    /// members between the member-by-cell-type columns, of itself and every ancestor.
    /// A unit with units under it cannot become a cell; the root stays a committee.
    func reclassify(_ unitID: String, kind: UnitKind, cellType: CellType, reason: String) throws -> UnitRecord {
        var record = try UnitRecord.requireActive(unitID, field: "unit_id", in: connection)
        let old = record.unit
        guard old.kind != kind || old.cellType != cellType else { return record }
        let parentKind = try old.parentID.isEmpty
            ? nil : UnitRecord.require(old.parentID, field: "unit_id", in: connection).unit.kind
        try UnitRules.checkPlacement(kind: kind, cellType: cellType, parentKind: parentKind)
        if UnitRules.isCell(kind),
           try connection.queryOne("SELECT 1 FROM units WHERE parent_id = ? AND state = 1 LIMIT 1", [unitID]) != nil {
            throw RPCError(.failedPrecondition, "kind: a unit with units under it cannot become a cell")
        }

        var delta = SubtreeTotals.unit(kind: kind, cellType: cellType) - .unit(kind: old.kind, cellType: old.cellType)
        let byStatus = try connection.query("SELECT status, COUNT(*) FROM members WHERE unit_id = ? GROUP BY status",
                                            [unitID])
        for row in byStatus {
            let status = MemberStatus(rawValue: Int32(try row.get(0) as Int64))
            let count: Int64 = try row.get(1)
            let perMember = SubtreeTotals.member(status: status, unitKind: kind, cellType: cellType)
                - .member(status: status, unitKind: old.kind, cellType: old.cellType)
            delta.values = zip(delta.values, perMember.values).map { $0 + $1 * count }
        }
        try TotalsTable.add(delta, to: record.selfAndAncestorIDs, in: connection)

        record.unit.kind = kind
        record.unit.cellType = cellType
        record.unit.version += 1
        record.unit.updatedAtMS = nowMs
        try connection.execute("UPDATE units SET kind = ?, cell_type = ?, version = ?, updated_at_ms = ? WHERE id = ?",
                               [Int64(kind.rawValue), Int64(cellType.rawValue), record.unit.version, nowMs, unitID])
        try history(reason).record(.unitImported, after: record.unit)
        return record
    }
}
