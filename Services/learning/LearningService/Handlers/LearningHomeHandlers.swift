import LearningContracts
import RPC
import ServiceToolkit

/// Learning's part of the app's home screen: the quizzes open now for the member's unit
/// that they have not passed, soonest closing first, with the attempts left.
struct LearningHomeHandlers: LearningHomeServiceHandler {
    let handlers: LearningHandlers
    static let shown = 5

    func getHomeSummary(_ request: GetHomeSummaryRequest, context: CallContext) async throws -> HomeSummary {
        let caller = try CallerAccess(context).caller
        let tree = handlers.tree.tree
        let now = handlers.clock.nowMs
        return try await handlers.read { connection in
            let quizzes = QuizStore(connection: connection)
            let attempts = AttemptStore(connection: connection)
            var summary = HomeSummary()
            for quizID in try quizzes.quizIDs(openBetween: now, and: now + 1) where summary.openQuizzes.count < Self.shown {
                guard let quiz = try quizzes.quiz(quizID), tree.isUnit(caller.unitID, inSubtreeOf: quiz.targetUnitID) else {
                    continue
                }
                let own = try attempts.attempts(quizID: quiz.id, memberID: caller.memberID)
                let grade = Grading.grade(own.compactMap(LearningHandlers.scored), method: quiz.grading)
                if let grade, grade >= Double(quiz.passPercent) { continue }
                let extra = try quizzes.override(quizID: quiz.id, memberID: caller.memberID).extraAttempts
                var open = OpenQuiz()
                open.quizID = quiz.id
                open.title = quiz.title
                open.closesAtMS = quiz.closesAtMS
                open.attemptsUsed = Int32(own.count)
                open.attemptsLeft = quiz.maxAttempts > 0 ? max(0, quiz.maxAttempts + extra - Int32(own.count)) : -1
                summary.openQuizzes.append(open)
            }
            return summary
        }
    }
}
