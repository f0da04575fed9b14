import LearningContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

extension LearningHandlers {
    /// Starts the member's next attempt, or returns the open one still in time (an
    /// app that lost its answer resumes). An open attempt past its deadline is graded
    /// first, as the quiz's late-submit setting says. With a proxy token the attempt
    /// is recorded as taken by the secretary for the member.
    func startAttempt(_ request: StartAttemptRequest, context: CallContext) async throws -> Attempt {
        let access = try CallerAccess(context)
        let quizID = try RecordID.checked(request.quizID, prefix: "qz", field: "quiz_id")
        let caller = access.caller
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "StartAttempt", request: request, nowMs: now)
            if let first = try call?.recorded(Attempt.self, in: connection) { return first }
            let quiz = try Self.quizTaken(by: caller, quizID, in: connection)
            guard now >= quiz.opensAtMS, now < quiz.closesAtMS else {
                throw RPCError(.failedPrecondition, "the quiz is not open now")
            }
            let store = AttemptStore(connection: connection)
            let previous = try store.attempts(quizID: quizID, memberID: caller.memberID)
            if let open = previous.last, open.grade == nil {
                if AttemptClock(deadlineMs: open.deadlineMs, graceSeconds: Int(quiz.graceSeconds)).isInTime(now) {
                    let attempt = try AttemptSheet.read(open, in: connection).forMember
                    try call?.remember(attempt, in: connection)
                    return attempt
                }
                _ = try Self.grade(open, quiz: quiz, nowMs: now, in: connection)
            }
            let quizOverride = try QuizStore(connection: connection).override(quizID: quizID, memberID: caller.memberID)
            if quiz.maxAttempts > 0 && previous.count >= Int(quiz.maxAttempts + quizOverride.extraAttempts) {
                throw RPCError(.failedPrecondition, "no attempts left at this quiz")
            }
            let attempt = try Self.newAttempt(quiz: quiz, number: previous.count + 1, caller: caller,
                                              extraSeconds: Int(quizOverride.extraSeconds), nowMs: now, in: connection)
            try call?.remember(attempt, in: connection)
            return attempt
        }
    }

    /// Saves one answer, replacing an earlier one; refused once the attempt is
    /// submitted or its time and grace are over.
    func saveAnswer(_ request: SaveAnswerRequest, context: CallContext) async throws -> SaveAnswerResponse {
        let access = try CallerAccess(context)
        let attemptID = try RecordID.checked(request.attemptID, prefix: "at", field: "attempt_id")
        let questionID = try RecordID.checked(request.questionID, prefix: "q", field: "question_id")
        let chosen = request.choiceIDs.map(Int.init)
        return try await write { connection, now in
            let store = AttemptStore(connection: connection)
            let attempt = try Self.ownAttempt(attemptID, of: access.caller, in: connection)
            guard attempt.grade == nil, try store.holdOpen(attemptID: attemptID) else {
                throw RPCError(.failedPrecondition, "the attempt is already submitted")
            }
            guard let quiz = try QuizStore(connection: connection).quiz(attempt.quizID) else {
                throw Self.notFound("attempt", field: "attempt_id")
            }
            guard AttemptClock(deadlineMs: attempt.deadlineMs, graceSeconds: Int(quiz.graceSeconds)).isInTime(now) else {
                throw RPCError(.failedPrecondition, "the attempt's time is over; submit it")
            }
            guard let given = try store.questions(attemptID: attemptID).first(where: { $0.questionID == questionID }),
                  let content = try QuestionBank(connection: connection).version(questionID: questionID,
                                                                               version: given.version)
            else { throw RPCError.invalidArgument(field: "question_id", "is not a question of this attempt") }
            try content.checkAnswer(chosen)
            try store.saveAnswer(attempt: attempt, questionID: questionID, choiceIDs: chosen, nowMs: now)
            var response = SaveAnswerResponse()
            response.savedAtMS = now
            return response
        }
    }

    /// Grades the attempt once, on the server; a submit of a submitted attempt (a
    /// retry, on any replica) returns the first result.
    func submitAttempt(_ request: SubmitAttemptRequest, context: CallContext) async throws -> AttemptResult {
        let access = try CallerAccess(context)
        let attemptID = try RecordID.checked(request.attemptID, prefix: "at", field: "attempt_id")
        return try await write { connection, now in
            let attempt = try Self.ownAttempt(attemptID, of: access.caller, in: connection)
            guard let quiz = try QuizStore(connection: connection).quiz(attempt.quizID) else {
                throw Self.notFound("attempt", field: "attempt_id")
            }
            let graded = try attempt.grade.map { _ in attempt } ?? Self.grade(attempt, quiz: quiz, nowMs: now,
                                                                             in: connection)
            return try Self.result(graded, quiz: quiz, in: connection)
        }
    }

    func getResult(_ request: GetResultRequest, context: CallContext) async throws -> AttemptResult {
        let access = try CallerAccess(context)
        let attemptID = try RecordID.checked(request.attemptID, prefix: "at", field: "attempt_id")
        return try await read { connection in
            let attempt = try Self.ownAttempt(attemptID, of: access.caller, in: connection)
            guard attempt.grade != nil, let quiz = try QuizStore(connection: connection).quiz(attempt.quizID) else {
                throw RPCError(.failedPrecondition, "the attempt is not submitted yet")
            }
            return try Self.result(attempt, quiz: quiz, in: connection)
        }
    }

    // MARK: Pieces run inside the transactions above

    /// The quiz when it targets the caller's unit; NOT_FOUND otherwise, as for no quiz.
    static func quizTaken(by caller: CallerIdentity, _ quizID: String, in connection: any SQLSession) throws -> Quiz {
        guard let quiz = try QuizStore(connection: connection).quiz(quizID), isTargeted(caller, by: quiz.targetUnitID)
        else { throw notFound("quiz", field: "quiz_id") }
        return quiz
    }

    /// The caller's own attempt (a proxy token acts as the member); anyone else's is
    /// NOT_FOUND, as for no attempt.
    static func ownAttempt(_ id: String, of caller: CallerIdentity, in connection: any SQLSession) throws
        -> AttemptStore.AttemptRow
    {
        guard let attempt = try AttemptStore(connection: connection).attempt(id), attempt.memberID == caller.memberID
        else { throw notFound("attempt", field: "attempt_id") }
        return attempt
    }

    static func newAttempt(quiz: Quiz, number: Int, caller: CallerIdentity, extraSeconds: Int, nowMs: Int64,
                           in connection: any SQLSession) throws -> Attempt {
        let store = AttemptStore(connection: connection)
        let bank = QuestionBank(connection: connection)
        let pools = try quiz.draws.map { draw in
            QuestionDraw.Pool(count: Int(draw.count), liveQuestionIDs: try bank.liveQuestionIDs(inCategory: draw.categoryID))
        }
        var generator = SystemRandomNumberGenerator()
        let draw = QuestionDraw(lastSeen: try store.lastSeen(quizID: quiz.id, memberID: caller.memberID))
        guard let drawn = draw.draw(from: pools, using: &generator) else {
            throw RPCError(.failedPrecondition, "the quiz's question bank holds too few live questions")
        }
        let given = try drawn.map { questionID in
            guard let current = try bank.question(questionID) else { throw notFound("question", field: "quiz_id") }
            return AttemptStore.GivenQuestion(
                questionID: questionID, version: Int(current.question.version),
                choiceOrder: QuestionDraw.shuffledChoiceOrder(count: current.question.choices.count, using: &generator))
        }
        let clock = AttemptClock(startedAtMs: nowMs, timeLimitSeconds: Int(quiz.timeLimitSeconds),
                                 extraSeconds: extraSeconds, graceSeconds: Int(quiz.graceSeconds),
                                 closesAtMs: quiz.closesAtMS)
        let row = AttemptStore.AttemptRow(
            id: RecordID.make("at", nowMs: nowMs), quizID: quiz.id, memberID: caller.memberID, unitID: caller.unitID,
            number: number, startedAtMs: nowMs, deadlineMs: clock.deadlineMs,
            proxyMemberID: caller.proxyMemberID ?? "", questionCount: given.count)
        try store.insert(row, questions: given)
        return try AttemptSheet.read(row, in: connection).forMember
    }

    /// Grades an open attempt at `nowMs`: late when past its deadline and grace, and
    /// then counted or not as the quiz says.
    static func grade(_ attempt: AttemptStore.AttemptRow, quiz: Quiz, nowMs: Int64, in connection: any SQLSession) throws
        -> AttemptStore.AttemptRow
    {
        let store = AttemptStore(connection: connection)
        guard try store.holdOpen(attemptID: attempt.id) else {
            // Another transaction graded it first: its grade stands.
            guard let first = try store.attempt(attempt.id) else { throw notFound("attempt", field: "attempt_id") }
            return first
        }
        // Read with the lock held: every save acknowledged before is in it.
        let sheet = try AttemptSheet.read(attempt, in: connection)
        let late = !AttemptClock(deadlineMs: attempt.deadlineMs, graceSeconds: Int(quiz.graceSeconds)).isInTime(nowMs)
        let counted = !(late && quiz.lateSubmit == .lateNotCounted)
        let grade = AttemptStore.Grade(submittedAtMs: nowMs, correctCount: counted ? sheet.correctCount : 0, late: late,
                                       counted: counted)
        guard try store.recordGrade(attemptID: attempt.id, grade) else {
            throw RPCError(.internal, "the attempt's grade could not be recorded")
        }
        var graded = attempt
        graded.grade = grade
        return graded
    }

    static func result(_ attempt: AttemptStore.AttemptRow, quiz: Quiz, in connection: any SQLSession) throws
        -> AttemptResult
    {
        guard let grade = attempt.grade else { throw RPCError(.failedPrecondition, "the attempt is not submitted yet") }
        let scored = try AttemptStore(connection: connection).attempts(quizID: quiz.id, memberID: attempt.memberID)
            .compactMap(Self.scored)
        return try AttemptSheet.read(attempt, in: connection).result(
            grade: grade, memberGrade: Grading.grade(scored, method: quiz.grading), passPercent: quiz.passPercent)
    }

    /// A counted, submitted attempt's score for the member's grade.
    static func scored(_ attempt: AttemptStore.AttemptRow) -> Grading.Scored? {
        guard let grade = attempt.grade, grade.counted else { return nil }
        return Grading.Scored(number: attempt.number,
                              percent: Grading.percent(correct: grade.correctCount, of: attempt.questionCount))
    }
}
