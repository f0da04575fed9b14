import LearningContracts
import RPC
import ServiceToolkit

extension LearningHandlers {
    static let maxDraws = 20
    static let maxQuestionsPerAttempt = 200
    static let maxSeconds: Int32 = 7 * 86_400

    func createQuiz(_ request: CreateQuizRequest, context: CallContext) async throws -> Quiz {
        guard var quiz = request.quiz else { throw RPCError.invalidArgument(field: "quiz", "is required") }
        guard quiz.id.isEmpty else { throw RPCError.invalidArgument(field: "quiz.id", "is chosen by the service") }
        quiz.title = try TextInput.name(quiz.title, field: "quiz.title")
        try Self.checkQuizSettings(quiz)
        let access = try require(Self.managers, on: quiz.targetUnitID, field: "quiz.target_unit_id", context: context,
                                 to: "set a quiz for this unit")
        if !quiz.programID.isEmpty {
            let programID = try RecordID.checked(quiz.programID, prefix: "sp", field: "quiz.program_id")
            let program = try await read { connection in try ProgramStore(connection: connection).program(programID) }
            guard let program, manages(access, unitID: program.targetUnitID) else {
                throw Self.notFound("program", field: "quiz.program_id")
            }
        }
        for (index, draw) in quiz.draws.enumerated() {
            let field = "quiz.draws[\(index)].category_id"
            let categoryID = try RecordID.checked(draw.categoryID, prefix: "cat", field: field)
            _ = try await managedCategory(categoryID, access: access, field: field)
        }
        let checked = quiz
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateQuiz", request: request, nowMs: now)
            if let first = try call?.recorded(Quiz.self, in: connection) { return first }
            let bank = QuestionBank(connection: connection)
            for (index, draw) in checked.draws.enumerated()
            where try bank.liveQuestionIDs(inCategory: draw.categoryID).count < Int(draw.count) {
                throw RPCError.invalidArgument(field: "quiz.draws[\(index)].count",
                                               "is more than the category's live questions")
            }
            var quiz = checked
            quiz.id = RecordID.make("qz", nowMs: now)
            try QuizStore(connection: connection).insert(quiz, nowMs: now)
            try call?.remember(quiz, in: connection)
            return quiz
        }
    }

    /// Extra time or attempts for one member; set again to change, zeros to clear.
    func setOverride(_ request: SetOverrideRequest, context: CallContext) async throws -> QuizOverride {
        let quizID = try RecordID.checked(request.quizID, prefix: "qz", field: "quiz_id")
        let memberID = try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        guard request.extraSeconds >= 0, request.extraSeconds <= Self.maxSeconds else {
            throw RPCError.invalidArgument(field: "extra_seconds", "must be from 0 to 7 days")
        }
        guard request.extraAttempts >= 0, request.extraAttempts <= 100 else {
            throw RPCError.invalidArgument(field: "extra_attempts", "must be from 0 to 100")
        }
        _ = try require(Self.managers, on: request.memberUnitID, field: "member_unit_id", context: context,
                        to: "change a quiz for members of this unit")
        return try await write { connection, _ in
            let store = QuizStore(connection: connection)
            guard let quiz = try store.quiz(quizID), tree.isUnit(request.memberUnitID, inSubtreeOf: quiz.targetUnitID)
            else { throw Self.notFound("quiz", field: "quiz_id") }
            var quizOverride = QuizOverride()
            quizOverride.quizID = quizID
            quizOverride.memberID = memberID
            quizOverride.extraSeconds = request.extraSeconds
            quizOverride.extraAttempts = request.extraAttempts
            try store.setOverride(quizOverride)
            return quizOverride
        }
    }

    static func checkQuizSettings(_ quiz: Quiz) throws(RPCError) {
        guard !quiz.draws.isEmpty, quiz.draws.count <= maxDraws else {
            throw RPCError.invalidArgument(field: "quiz.draws", "needs 1 to \(maxDraws) draws")
        }
        var total = 0
        for (index, draw) in quiz.draws.enumerated() {
            guard draw.count >= 1 else { throw RPCError.invalidArgument(field: "quiz.draws[\(index)].count", "must be at least 1") }
            total += Int(draw.count)
        }
        guard total <= maxQuestionsPerAttempt else {
            throw RPCError.invalidArgument(field: "quiz.draws", "draw at most \(maxQuestionsPerAttempt) questions")
        }
        guard Set(quiz.draws.map(\.categoryID)).count == quiz.draws.count else {
            throw RPCError.invalidArgument(field: "quiz.draws", "names a category twice")
        }
        guard quiz.timeLimitSeconds >= 0, quiz.timeLimitSeconds <= maxSeconds else {
            throw RPCError.invalidArgument(field: "quiz.time_limit_seconds", "must be from 0 to 7 days")
        }
        guard quiz.graceSeconds >= 0, quiz.graceSeconds <= 3_600 else {
            throw RPCError.invalidArgument(field: "quiz.grace_seconds", "must be from 0 to an hour")
        }
        guard quiz.maxAttempts >= 0, quiz.maxAttempts <= 100 else {
            throw RPCError.invalidArgument(field: "quiz.max_attempts", "must be from 0 (unlimited) to 100")
        }
        switch quiz.grading {
        case .gradeHighest, .gradeLast, .gradeAverage: break
        default: throw RPCError.invalidArgument(field: "quiz.grading", "must be highest, last or average")
        }
        switch quiz.lateSubmit {
        case .lateGradeSavedAnswers, .lateNotCounted: break
        default: throw RPCError.invalidArgument(field: "quiz.late_submit", "must say how a late submit is graded")
        }
        guard quiz.passPercent >= 0, quiz.passPercent <= 100 else {
            throw RPCError.invalidArgument(field: "quiz.pass_percent", "must be from 0 to 100")
        }
        try checkWindow(opensAtMs: quiz.opensAtMS, closesAtMs: quiz.closesAtMS, prefix: "quiz.")
    }
}
