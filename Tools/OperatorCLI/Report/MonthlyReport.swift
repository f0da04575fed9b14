import Foundation

/// The report provinces publish each month: a unit and each unit directly below it,
/// the subordinates ranked (units only: no member is ever ranked).
public struct MonthlyReport: Sendable, Equatable {
    /// `YYYY-MM`, in Vietnam's time, as every service counts months.
    public let month: String
    public let unit: UnitMonth
    /// Best first; a unit with no figure to rank on comes last.
    public let subordinates: [RankedUnit]

    public struct RankedUnit: Sendable, Equatable {
        /// 1 for the best; units with the same score share a rank.
        public let rank: Int
        public let figures: UnitMonth
    }

    public init(month: String, unit: UnitMonth, subordinates: [UnitMonth]) {
        self.month = month
        self.unit = unit
        let ordered = subordinates.sorted { left, right in
            switch (left.score, right.score) {
            case let (l?, r?) where l != r: return l > r
            case (.some, nil): return true
            case (nil, .some): return false
            default: return left.unitName.localizedStandardCompare(right.unitName) == .orderedAscending
            }
        }
        var ranked: [RankedUnit] = []
        for (index, figures) in ordered.enumerated() {
            let tied = ranked.last.flatMap { $0.figures.score == figures.score ? $0.rank : nil }
            ranked.append(RankedUnit(rank: tied ?? index + 1, figures: figures))
        }
        self.subordinates = ranked
    }
}
