/// The shape of the cells, from Yên Bái's 2022 figures (docs/domain.md): how
/// many cells of each type per 2,910, how many members they average, and how the
/// village cells spread by size. Both presets use these proportions.
enum CellMix {
    struct TypeFigures {
        let cells: Int
        let averageMembers: Double
        /// Smallest and largest cell of the type. Three is the statute's minimum of
        /// official members for a cell.
        let sizeRange: ClosedRange<Int>
    }

    static func figures(_ type: SeedCellType) -> TypeFigures {
        switch type {
        case .administrativeAgency: TypeFigures(cells: 324, averageMembers: 12.8, sizeRange: 3...40)
        case .publicServiceUnit: TypeFigures(cells: 671, averageMembers: 20.7, sizeRange: 3...70)
        case .enterprise: TypeFigures(cells: 199, averageMembers: 13.7, sizeRange: 3...60)
        case .armedForces: TypeFigures(cells: 360, averageMembers: 7.6, sizeRange: 3...20)
        case .villageResidential: TypeFigures(cells: 1_356, averageMembers: 27, sizeRange: 5...160)
        }
    }

    static let types = SeedCellType.allCases

    /// Village cells by size: 906 under 30 members, 307 of 30–50, 107 of 51–80, 36
    /// over 80. The outer bounds (5, 160) are ours.
    static let villageBuckets: [(cells: Int, sizes: ClosedRange<Int>)] = [
        (906, 5...29), (307, 30...50), (107, 51...80), (36, 81...160),
    ]

    /// 190 of Yên Bái's 2,910 cells are grassroots cells (chi bộ cơ sở).
    static let grassrootsCellShare = 190.0 / 2_910.0
}
