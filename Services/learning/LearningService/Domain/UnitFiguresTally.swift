import LearningContracts

/// Adds up members' outcomes on a quiz into one unit's figures. Each member counts
/// once, whatever their number of attempts: started when they have any attempt,
/// completed when one is submitted and counts, passed when their grade reaches the
/// pass mark.
struct UnitFiguresTally {
    struct MemberOutcome: Sendable {
        let unitID: String
        /// Nil when no submitted attempt counts.
        let gradePercent: Double?
    }

    let passPercent: Double

    func figures(unitID: String, unitName: String, targeted: Int64, outcomes: some Sequence<MemberOutcome>)
        -> UnitFigures
    {
        var figures = UnitFigures()
        figures.unitID = unitID
        figures.unitName = unitName
        figures.membersTargeted = targeted
        var distribution = [Int64](repeating: 0, count: 10)
        var total = 0.0
        for outcome in outcomes {
            figures.started += 1
            guard let grade = outcome.gradePercent else { continue }
            figures.completed += 1
            total += grade
            if grade >= passPercent { figures.passed += 1 }
            distribution[Grading.bucket(of: grade)] += 1
        }
        figures.averageGradePercent = figures.completed == 0 ? 0 : total / Double(figures.completed)
        figures.gradeDistribution = distribution
        return figures
    }

    /// Units ranked by the share of their targeted members who passed, then by id.
    static func ranked(_ units: [UnitFigures]) -> [UnitFigures] {
        func share(_ figures: UnitFigures) -> Double {
            figures.membersTargeted == 0 ? 0 : Double(figures.passed) / Double(figures.membersTargeted)
        }
        return units.sorted { share($0) != share($1) ? share($0) > share($1) : $0.unitID < $1.unitID }
    }
}
