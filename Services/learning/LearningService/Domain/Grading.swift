import LearningContracts

/// A member's grade on a quiz from their counted attempts, in percent, by the quiz's
/// grading method (Moodle's highest, last, average). Nil when no attempt counts.
enum Grading {
    struct Scored: Sendable {
        let number: Int
        let percent: Double
    }

    static func grade(_ attempts: [Scored], method: GradingMethod) -> Double? {
        guard !attempts.isEmpty else { return nil }
        switch method {
        case .gradeLast: return attempts.max { $0.number < $1.number }?.percent
        case .gradeAverage: return attempts.map(\.percent).reduce(0, +) / Double(attempts.count)
        default: return attempts.map(\.percent).max()
        }
    }

    static func percent(correct: Int, of count: Int) -> Double {
        count == 0 ? 0 : Double(correct) * 100 / Double(count)
    }

    /// Ten buckets of ten points; 100 goes into the last.
    static func bucket(of percent: Double) -> Int { min(9, max(0, Int(percent / 10))) }
}
