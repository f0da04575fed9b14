/// The two sizes of synthetic data: one province with Yên Bái's published figures,
/// and the whole country at the design's upper scale (docs/domain.md).
public enum SeedPreset: String, Sendable, CaseIterable {
    /// 60,126 members in 2,910 cells: Yên Bái in 2022 (docs/domain.md).
    case province
    /// 6,000,000 members in 300,000 cells under 34 provincial committees.
    case national

    public var cells: Int {
        switch self {
        case .province: 2_910
        case .national: 300_000
        }
    }

    public var members: Int {
        switch self {
        case .province: 60_126
        case .national: 6_000_000
        }
    }

    var provinces: [Province] {
        switch self {
        case .province: [.yenBai]
        case .national: Province.all
        }
    }

    /// The national tree has the whole Party above the provinces; the province preset
    /// is rooted at its provincial committee.
    var root: SeedUnit? {
        switch self {
        case .province: nil
        case .national: SeedUnit(code: "VN", name: "Đảng Cộng sản Việt Nam", kind: .committee, cellType: nil, parentCode: "")
        }
    }
}
