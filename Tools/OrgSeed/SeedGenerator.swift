/// Generates a preset's units and members from a seed: the same preset and seed give
/// the same rows in the same order, everywhere. Rows stream into the sink one
/// province at a time, so the national preset never holds its six million members
/// (only one province's plan of units).
public struct SeedGenerator: Sendable {
    public let preset: SeedPreset
    public let seed: UInt64

    public init(preset: SeedPreset, seed: UInt64 = 1) {
        self.preset = preset
        self.seed = seed
    }

    public func generate(into sink: inout some SeedSink) throws -> SeedSummary {
        var summary = SeedSummary()
        let master = SeedRandom(seed: seed)
        if let root = preset.root {
            try sink.add(root)
            summary.count(root)
        }
        let provinces = preset.provinces
        let plan = figures(for: provinces, random: master.derived(UInt64.max))
        let names = PersonNames()
        var cardIndex = 0
        for (index, province) in provinces.enumerated() {
            var random = master.derived(UInt64(index))
            var builder = ProvinceBuilder(province: province, parentCode: preset.root?.code ?? "",
                                          cells: plan.cells[index], members: plan.members[index], random: random)
            let units = builder.build()
            random = builder.random
            var factory = MemberFactory(province: province, names: names, seed: seed, firstCardIndex: cardIndex)
            for planned in units {
                try sink.add(planned.unit)
                summary.count(planned.unit, members: planned.members)
                for _ in 0..<planned.members {
                    let member = factory.member(of: planned.unit, random: &random)
                    try sink.add(member)
                    summary.count(member)
                }
            }
            cardIndex = factory.nextCardIndex
        }
        return summary
    }

    /// Cells and members per province and type, adding up exactly to the preset's
    /// totals: provinces differ in size (0.5 to 1.6 times the average), every
    /// province has docs/domain.md's type mix, and members follow each type's average.
    private func figures(for provinces: [Province], random: SeedRandom)
        -> (cells: [[SeedCellType: Int]], members: [[SeedCellType: Int]])
    {
        var random = random
        let weights = provinces.count == 1 ? [1.0] : provinces.map { _ in 0.5 + 1.1 * random.fraction() }
        let cellsPerProvince = apportion(preset.cells, weights: weights)
        let types = CellMix.types
        let cells = cellsPerProvince.map { total in
            Dictionary(uniqueKeysWithValues: zip(types, apportion(total, weights: types.map { Double(CellMix.figures($0).cells) })))
        }
        let memberWeights = cells.flatMap { perType in
            types.map { Double(perType[$0] ?? 0) * CellMix.figures($0).averageMembers }
        }
        let flatMembers = apportion(preset.members, weights: memberWeights)
        let members = cells.indices.map { province in
            Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1, flatMembers[province * types.count + $0]) })
        }
        return (cells, members)
    }
}
