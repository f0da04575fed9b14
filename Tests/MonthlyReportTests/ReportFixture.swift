@testable import OperatorCLI

/// A province and three districts with figures chosen so that the ranking, the ties
/// and the missing denominators are all exercised; one name is hostile markup.
enum ReportFixture {
    static func unit(_ id: String, _ name: String, members: Int64, registered: Int64, active: Int64,
                     cells: Int64, met: Int64, invited: Int64, present: Int64,
                     targeted: Int64, completed: Int64, passed: Int64) -> UnitMonth {
        var figures = UnitMonth(unitID: id, unitName: name)
        figures.members = members
        figures.registered = registered
        figures.activeMembers = active
        figures.reads = active * 3
        figures.cells = cells
        figures.cellsMet = met
        figures.meetingsHeld = met
        figures.meetingsOnTime = met / 2
        figures.invited = invited
        figures.present = present
        figures.quizTargeted = targeted
        figures.quizCompleted = completed
        figures.quizPassed = passed
        figures.feedbackReceived = 10
        figures.feedbackAnswered = 7
        figures.feedbackOverdue = 1
        return figures
    }

    static let mucangchai = unit("u_mcc", "Huyện ủy Mù Cang Chải", members: 100, registered: 90, active: 50, cells: 10, met: 10,
                                 invited: 100, present: 80, targeted: 100, completed: 60, passed: 50)
    static let vanyen = unit("u_vy", "Huyện ủy Văn Yên, \"khu A\"", members: 200, registered: 100, active: 40, cells: 20, met: 10,
                             invited: 200, present: 100, targeted: 200, completed: 50, passed: 20)
    static let hostile = unit("u_x", "<script>alert(1)</script>", members: 0, registered: 0, active: 0, cells: 0, met: 0,
                              invited: 0, present: 0, targeted: 0, completed: 0, passed: 0)
    static let province = unit("u_yb", "Đảng bộ tỉnh Yên Bái", members: 300, registered: 190, active: 90, cells: 30, met: 20,
                               invited: 300, present: 180, targeted: 300, completed: 110, passed: 70)

    static var report: MonthlyReport {
        MonthlyReport(month: "2026-10", unit: province, subordinates: [hostile, vanyen, mucangchai])
    }
}
