import OrgContracts

/// The counts a unit's subtree contributes to every unit above it (and to itself):
/// members by status and by the type of their cell, and active units by kind and by
/// cell type. Stored per unit in `unit_totals`; every write adds a delta of this shape
/// to the unit's row and its ancestors' rows.
struct SubtreeTotals: Equatable, Sendable {
    static let columns = [
        "probationary", "official", "exempt",
        "committees", "grassroots_committees", "grassroots_cells", "sub_committees", "cells",
        "cells_administrative", "cells_public_service", "cells_enterprise", "cells_armed_forces", "cells_village",
        "members_administrative", "members_public_service", "members_enterprise", "members_armed_forces",
        "members_village",
    ]

    /// One value per column, in `columns` order.
    var values: [Int64]

    init(values: [Int64] = [Int64](repeating: 0, count: SubtreeTotals.columns.count)) {
        precondition(values.count == Self.columns.count, "one value per column")
        self.values = values
    }

    var isZero: Bool { values.allSatisfy { $0 == 0 } }

    static func - (lhs: Self, rhs: Self) -> Self {
        Self(values: zip(lhs.values, rhs.values).map { $0 - $1 })
    }

    static prefix func - (totals: Self) -> Self {
        Self(values: totals.values.map { -$0 })
    }

    private mutating func add(_ column: String, _ amount: Int64 = 1) {
        guard let index = Self.columns.firstIndex(of: column) else {
            preconditionFailure("no totals column \(column)")
        }
        values[index] += amount
    }

    private static func cellTypeSuffix(_ cellType: CellType) -> String? {
        switch cellType {
        case .administrativeAgency: "administrative"
        case .publicServiceUnit: "public_service"
        case .enterprise: "enterprise"
        case .armedForces: "armed_forces"
        case .villageResidential: "village"
        case .unspecified, .unrecognized: nil
        }
    }

    /// What one member adds: nothing once transferred out or deceased.
    static func member(status: MemberStatus, unitKind: UnitKind, cellType: CellType) -> Self {
        var totals = Self()
        switch status {
        case .probationary: totals.add("probationary")
        case .official: totals.add("official")
        case .exempt: totals.add("exempt")
        case .unspecified, .transferredOut, .deceased, .unrecognized: return totals
        }
        if UnitRules.isCell(unitKind), let suffix = cellTypeSuffix(cellType) { totals.add("members_" + suffix) }
        return totals
    }

    /// What one active unit adds by itself (its members aside).
    static func unit(kind: UnitKind, cellType: CellType) -> Self {
        var totals = Self()
        switch kind {
        case .committee: totals.add("committees")
        case .grassrootsCommittee: totals.add("grassroots_committees")
        case .grassrootsCell: totals.add("grassroots_cells")
        case .subCommittee: totals.add("sub_committees")
        case .cell: totals.add("cells")
        case .unspecified, .unrecognized: break
        }
        if UnitRules.isCell(kind), let suffix = cellTypeSuffix(cellType) { totals.add("cells_" + suffix) }
        return totals
    }

    /// The contract's view of a row of totals.
    func counts(unitID: String) -> SubtreeCounts {
        func value(_ column: String) -> Int64 { Self.columns.firstIndex(of: column).map { values[$0] } ?? 0 }
        var counts = SubtreeCounts()
        counts.unitID = unitID
        counts.probationaryMembers = value("probationary")
        counts.officialMembers = value("official")
        counts.exemptMembers = value("exempt")
        counts.members = counts.probationaryMembers + counts.officialMembers + counts.exemptMembers
        counts.committees = value("committees")
        counts.grassrootsCommittees = value("grassroots_committees")
        counts.grassrootsCells = value("grassroots_cells")
        counts.subCommittees = value("sub_committees")
        counts.cells = value("cells")
        counts.byCellType = [CellType.administrativeAgency, .publicServiceUnit, .enterprise, .armedForces, .villageResidential]
            .map { cellType in
                var entry = CellTypeCount()
                entry.cellType = cellType
                let suffix = Self.cellTypeSuffix(cellType) ?? ""
                entry.cells = value("cells_" + suffix)
                entry.members = value("members_" + suffix)
                return entry
            }
        return counts
    }
}
