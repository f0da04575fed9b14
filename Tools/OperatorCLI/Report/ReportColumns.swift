import Foundation

/// The report's columns, once for the text table, the CSV and the HTML table.
struct ReportColumn: Sendable {
    let title: String
    /// The cell as printed: counts as integers, shares as percentages with one decimal,
    /// "–" where the unit has no denominator (no cells, no quiz, no item).
    let text: @Sendable (UnitMonth) -> String
    /// The share the HTML report draws as bars, for the columns that are shares.
    let share: (@Sendable (UnitMonth) -> Double?)?

    static let all: [ReportColumn] = [
        count("members", \.members),
        rate("registered", \.registrationRate),
        rate("active", \.activeRate),
        count("reads", \.reads),
        rate("cells met", \.cellsMetRate),
        rate("on time", \.onTimeRate),
        rate("attendance", \.attendanceRate),
        rate("quiz taken", \.quizParticipation),
        rate("passed", \.passRate),
        count("feedback", \.feedbackReceived),
        rate("answered", \.answeredRate),
        count("overdue", \.feedbackOverdue),
    ]

    static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
    }

    private static func count(_ title: String, _ value: KeyPath<UnitMonth, Int64> & Sendable) -> ReportColumn {
        ReportColumn(title: title, text: { String($0[keyPath: value]) }, share: nil)
    }

    private static func rate(_ title: String, _ value: KeyPath<UnitMonth, Double?> & Sendable) -> ReportColumn {
        ReportColumn(title: title, text: { percent($0[keyPath: value]) }, share: { $0[keyPath: value] })
    }
}
