import OrgContracts
import RPC
import Store

/// Applies a clean units plan through `TreeEditor`, so paths, totals and history stay
/// right: new units are created, renamed ones renamed, moved ones moved (each with
/// its subtree), reclassified ones reclassified (recorded as UNIT_IMPORTED).
struct UnitImportApplier {
    let editor: TreeEditor
    let reason: String

    func apply(_ plan: UnitImportPlan) throws {
        var idByCode = plan.existing.mapValues(\.id)
        // A unit that stops holding units becomes a cell only once the units leaving it
        // have moved (they come later in top-down order), so those changes wait.
        var becomingCells: [UnitFileRow] = []
        for row in plan.rowsTopDown {
            let parentID = try row.parentCode.isEmpty ? "" : id(of: row.parentCode, in: idByCode)
            guard let record = plan.existing[row.code] else {
                idByCode[row.code] = try editor.create(parentID: parentID, code: row.code, name: row.name, kind: row.kind,
                                                       cellType: row.cellType, reason: reason).id
                continue
            }
            if record.unit.kind != row.kind || record.unit.cellType != row.cellType {
                if UnitRules.isCell(row.kind) && !UnitRules.isCell(record.unit.kind) {
                    becomingCells.append(row)
                } else {
                    _ = try editor.reclassify(record.id, kind: row.kind, cellType: row.cellType, reason: reason)
                }
            }
            if record.unit.name != row.name {
                _ = try editor.rename(record.id, to: row.name, expectedVersion: 0, reason: reason)
            }
            if !parentID.isEmpty, record.unit.parentID != parentID {
                _ = try editor.move(record.id, under: parentID, expectedVersion: 0, reason: reason)
            }
        }
        for row in becomingCells {
            _ = try editor.reclassify(try id(of: row.code, in: idByCode), kind: row.kind, cellType: row.cellType,
                                      reason: reason)
        }
    }

    private func id(of code: String, in idByCode: [String: String]) throws -> String {
        guard let id = idByCode[code] else {
            throw RPCError(.failedPrecondition, "parent_code: no unit has the code \(code); plan the import again")
        }
        return id
    }
}
