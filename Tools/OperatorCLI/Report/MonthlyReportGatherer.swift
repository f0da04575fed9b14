import AuthContracts
import ContentContracts
import FeedbackContracts
import LearningContracts
import MeetingContracts
import RPC
import ServiceKit

/// Gathers a monthly report from the services that hold its figures, each asked for the
/// unit and for each unit directly below it (auth names them), with the caller's token:
/// the report shows what that staff member may see, and a service that refuses says so.
struct MonthlyReportGatherer {
    let auth: AuthServiceClient
    let content: ContentServiceClient
    let meeting: MeetingServiceClient
    let learning: LearningServiceClient
    let feedback: FeedbackServiceClient
    let options: CallOptions

    /// Calls in flight at once: the report is a background chore, not a flood.
    static let concurrency = 8

    func report(unitID: String, month: String) async throws -> MonthlyReport {
        var request = GetRegistrationStatsRequest()
        request.unitID = unitID
        let registrations = try await auth.getRegistrationStats(request, options: options)
        let own = registrations.unit ?? UnitRegistration()
        let units = [own] + registrations.subordinates
        let figures = try await withThrowingTaskGroup(of: UnitMonth.self) { group in
            var gathered: [String: UnitMonth] = [:]
            var pending = units[...]
            var running = 0
            while let next = pending.popFirst() {
                if running == Self.concurrency, let done = try await group.next() {
                    gathered[done.unitID] = done
                    running -= 1
                }
                group.addTask { try await self.figures(of: next, month: month) }
                running += 1
            }
            for try await done in group { gathered[done.unitID] = done }
            return gathered
        }
        return MonthlyReport(month: month, unit: figures[own.unitID] ?? UnitMonth(unitID: unitID, unitName: own.unitName),
                             subordinates: registrations.subordinates.compactMap { figures[$0.unitID] })
    }

    private func figures(of unit: UnitRegistration, month: String) async throws -> UnitMonth {
        var figures = UnitMonth(unitID: unit.unitID, unitName: unit.unitName)
        figures.members = unit.members
        figures.registered = unit.registered

        var reading = GetReadingCountsRequest()
        reading.unitID = unit.unitID
        reading.month = month
        var meetings = MonthRequest()
        meetings.unitID = unit.unitID
        meetings.month = month
        var study = GetMonthFiguresRequest()
        study.unitID = unit.unitID
        study.month = month
        var items = GetStatisticsRequest()
        items.unitID = unit.unitID
        items.month = month
        async let reads = content.getReadingCounts(reading, options: options)
        async let held = meeting.getSubtreeStats(meetings, options: options)
        async let quizzes = learning.getMonthFigures(study, options: options)
        async let answered = feedback.getStatistics(items, options: options)

        let readCounts = try await reads
        figures.activeMembers = readCounts.activeMembers
        figures.reads = readCounts.reads
        let meetingStats = try await held
        figures.cells = Int64(meetingStats.cells)
        figures.cellsMet = Int64(meetingStats.cellsMet)
        figures.meetingsHeld = Int64(meetingStats.meetingsHeld)
        figures.meetingsOnTime = Int64(meetingStats.meetingsOnTime)
        figures.invited = Int64(meetingStats.invited)
        figures.present = Int64(meetingStats.present)
        let studyFigures = try await quizzes
        figures.quizTargeted = studyFigures.membersTargeted
        figures.quizCompleted = studyFigures.completed
        figures.quizPassed = studyFigures.passed
        let total = try await answered.total ?? AgencyStatistics()
        figures.feedbackReceived = total.received
        figures.feedbackAnswered = total.answered
        figures.feedbackOverdue = total.overdue
        return figures
    }
}
