import OrgContracts
import Store

/// Records a change to the tree: one row of `unit_changes` (the history and the feed)
/// and a new row of `unit_versions` (the unit from now on), closing the previous one.
struct UnitHistory {
    let connection: Connection
    let actorID: String
    let atMs: Int64
    let reason: String

    struct Details {
        var oldParentID: String?
        var newParentID: String?
        var oldName: String?
        var newName: String?
        var targetUnitID: String?
    }

    @discardableResult
    func record(_ kind: UnitChangeKind, after unit: OrgUnit, _ details: Details = Details()) throws -> Int64 {
        try connection.execute(
            """
            INSERT INTO unit_changes (unit_id, kind, actor_member_id, at_ms, reason, old_parent_id, new_parent_id,
                                      old_name, new_name, target_unit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [unit.id, Int64(kind.rawValue), actorID, atMs, reason, details.oldParentID, details.newParentID,
             details.oldName, details.newName, details.targetUnitID])
        let sequence = connection.lastInsertRowID
        try connection.execute(
            "UPDATE unit_versions SET valid_to_ms = ? WHERE unit_id = ? AND valid_to_ms IS NULL", [atMs, unit.id])
        try connection.execute(
            """
            INSERT INTO unit_versions (unit_id, sequence, valid_from_ms, code, name, kind, cell_type, parent_id, state,
                                       merged_into_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [unit.id, sequence, atMs, unit.code, unit.name, Int64(unit.kind.rawValue), Int64(unit.cellType.rawValue),
             unit.parentID.isEmpty ? nil : unit.parentID, Int64(unit.state.rawValue),
             unit.mergedIntoID.isEmpty ? nil : unit.mergedIntoID])
        return sequence
    }
}
