import OrgContracts
import Store

/// Applies a clean members plan through `MemberEditor` and `MemberMover`, so sealed
/// columns, totals and history stay right: new members are created, moved members
/// move (their totals leave one subtree for the other), changed fields are set and
/// their "edited here" marks cleared. Every change is recorded as MEMBER_IMPORTED.
/// Conflicting fields are not in the plan's updates: they keep the value edited here.
struct MemberImportApplier {
    let editor: MemberEditor
    let mover: MemberMover
    let reason: String

    func apply(_ plan: MemberImportPlan) throws {
        for member in plan.additions {
            _ = try editor.create(member, reason: reason, kind: .memberImported)
        }
        for update in plan.updates {
            var record = try MemberRecord.require(update.memberID, vault: editor.vault, in: editor.connection)
            if let target = update.toUnit {
                let source = try plan.activeUnits[record.member.unitID]
                    ?? UnitRecord.require(record.member.unitID, field: "unit_code", in: editor.connection)
                try mover.move(&record.member, from: source, to: target, kind: .memberImported, reason: reason)
            }
            if !update.fields.isEmpty {
                _ = try editor.update(record, from: update.input, fields: update.fields, markEdited: false,
                                      reason: reason, kind: .memberImported)
            }
        }
    }
}
