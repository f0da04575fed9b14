/// What a generation produced, for the CLI's report and the tests.
public struct SeedSummary: Sendable, Equatable {
    public var units = 0
    public var unitsByKind: [SeedUnitKind: Int] = [:]
    /// Cells of both kinds (grassroots cells and cells), by type.
    public var cellsByType: [SeedCellType: Int] = [:]
    /// Members placed in cells of each type, by the plan.
    public var membersByType: [SeedCellType: Int] = [:]
    public var members = 0
    public var membersByStatus: [SeedMemberStatus: Int] = [:]
    /// Village cells in docs/domain.md's size bands: under 30, 30–50, 51–80, over 80.
    public var villageCellsBySize = [0, 0, 0, 0]

    public var cells: Int { cellsByType.values.reduce(0, +) }

    mutating func count(_ unit: SeedUnit, members: Int = 0) {
        units += 1
        unitsByKind[unit.kind, default: 0] += 1
        guard let type = unit.cellType else { return }
        cellsByType[type, default: 0] += 1
        membersByType[type, default: 0] += members
        if type == .villageResidential {
            villageCellsBySize[members < 30 ? 0 : members <= 50 ? 1 : members <= 80 ? 2 : 3] += 1
        }
    }

    mutating func count(_ member: SeedMember) {
        members += 1
        membersByStatus[member.status, default: 0] += 1
    }
}
