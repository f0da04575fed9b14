import OrgContracts
@testable import OrgTreeReplica
import ServiceKit

/// Builders for the org tree tests: units and changes as org's feed carries them.
func orgUnit(
    _ id: String, parent: String = "", name: String? = nil, kind: UnitKind = .committee,
    state: UnitState = .active, mergedInto: String = ""
) -> OrgUnit {
    var unit = OrgUnit()
    unit.id = id
    unit.parentID = parent
    unit.name = name ?? "Unit \(id)"
    unit.kind = kind
    unit.state = state
    unit.mergedIntoID = mergedInto
    return unit
}

func unitChange(_ sequence: Int64, _ kind: UnitChangeKind, _ unit: OrgUnit) -> UnitChange {
    var change = UnitChange()
    change.sequence = sequence
    change.kind = kind
    change.unitID = unit.id
    change.unit = unit
    return change
}

/// root ─┬─ province-a ─┬─ commune-a1 ── cell-a1x
///       │              └─ commune-a2
///       └─ province-b ─── commune-b1
let sampleUnits = [
    orgUnit("root", name: "Trung ương"),
    orgUnit("province-a", parent: "root", name: "Tỉnh A"),
    orgUnit("province-b", parent: "root", name: "Tỉnh B"),
    orgUnit("commune-a1", parent: "province-a", name: "Xã A1", kind: .grassrootsCommittee),
    orgUnit("commune-a2", parent: "province-a", name: "Xã A2", kind: .grassrootsCommittee),
    orgUnit("commune-b1", parent: "province-b", name: "Xã B1", kind: .grassrootsCommittee),
    orgUnit("cell-a1x", parent: "commune-a1", name: "Chi bộ thôn X", kind: .cell),
]

func sampleTree(sequence: Int64 = 10) -> OrgTree {
    OrgTree(units: sampleUnits, sequence: sequence)
}
