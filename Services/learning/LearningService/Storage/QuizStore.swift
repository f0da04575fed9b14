import LearningContracts
import Store

/// Quizzes, the draws they make, and members' overrides.
struct QuizStore {
    let connection: any SQLSession

    func insert(_ quiz: Quiz, nowMs: Int64) throws {
        try connection.execute(
            """
            INSERT INTO quizzes (id, title, target_unit_id, program_id, time_limit_seconds, grace_seconds, max_attempts,
                                 grading, pass_percent, opens_at_ms, closes_at_ms, late_submit, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [quiz.id, quiz.title, quiz.targetUnitID, quiz.programID, Int(quiz.timeLimitSeconds), Int(quiz.graceSeconds),
             Int(quiz.maxAttempts), Int(quiz.grading.rawValue), Int(quiz.passPercent), quiz.opensAtMS, quiz.closesAtMS,
             Int(quiz.lateSubmit.rawValue), nowMs])
        for (position, draw) in quiz.draws.enumerated() {
            try connection.execute("INSERT INTO quiz_draws (quiz_id, position, category_id, count) VALUES (?, ?, ?, ?)",
                                   [quiz.id, position, draw.categoryID, Int(draw.count)])
        }
    }

    func quiz(_ id: String) throws -> Quiz? {
        guard let row = try connection.queryOne(
            """
            SELECT title, target_unit_id, program_id, time_limit_seconds, grace_seconds, max_attempts, grading,
                   pass_percent, opens_at_ms, closes_at_ms, late_submit
            FROM quizzes WHERE id = ?
            """, [id])
        else { return nil }
        var quiz = Quiz()
        quiz.id = id
        quiz.title = try row.get(0)
        quiz.targetUnitID = try row.get(1)
        quiz.programID = try row.get(2)
        quiz.timeLimitSeconds = Int32(try row.get(3) as Int)
        quiz.graceSeconds = Int32(try row.get(4) as Int)
        quiz.maxAttempts = Int32(try row.get(5) as Int)
        quiz.grading = GradingMethod(rawValue: Int32(try row.get(6) as Int))
        quiz.passPercent = Int32(try row.get(7) as Int)
        quiz.opensAtMS = try row.get(8)
        quiz.closesAtMS = try row.get(9)
        quiz.lateSubmit = LateSubmitPolicy(rawValue: Int32(try row.get(10) as Int))
        quiz.draws = try connection.query(
            "SELECT category_id, count FROM quiz_draws WHERE quiz_id = ? ORDER BY position", [id]
        ).map { row in
            var draw = QuizDraw()
            draw.categoryID = try row.get(0)
            draw.count = Int32(try row.get(1) as Int)
            return draw
        }
        return quiz
    }

    func setOverride(_ quizOverride: QuizOverride) throws {
        try connection.execute(
            """
            INSERT INTO quiz_overrides (quiz_id, member_id, extra_seconds, extra_attempts) VALUES (?, ?, ?, ?)
            ON CONFLICT (quiz_id, member_id)
            DO UPDATE SET extra_seconds = excluded.extra_seconds, extra_attempts = excluded.extra_attempts
            """,
            [quizOverride.quizID, quizOverride.memberID, Int(quizOverride.extraSeconds), Int(quizOverride.extraAttempts)])
    }

    /// The member's override, or one that changes nothing.
    func override(quizID: String, memberID: String) throws -> QuizOverride {
        var quizOverride = QuizOverride()
        quizOverride.quizID = quizID
        quizOverride.memberID = memberID
        if let row = try connection.queryOne(
            "SELECT extra_seconds, extra_attempts FROM quiz_overrides WHERE quiz_id = ? AND member_id = ?",
            [quizID, memberID])
        {
            quizOverride.extraSeconds = Int32(try row.get(0) as Int)
            quizOverride.extraAttempts = Int32(try row.get(1) as Int)
        }
        return quizOverride
    }
}
