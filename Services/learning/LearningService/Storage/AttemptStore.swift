import LearningContracts
import Store

/// Attempts, the questions each was given (with the version and the shuffled choice
/// order), and the answers saved as the member goes.
struct AttemptStore {
    let connection: any SQLSession

    struct AttemptRow: Sendable {
        let id: String
        let quizID: String
        let memberID: String
        let unitID: String
        let number: Int
        let startedAtMs: Int64
        let deadlineMs: Int64
        let proxyMemberID: String
        let questionCount: Int
        /// Set once, at submit.
        var grade: Grade?
    }

    struct Grade: Sendable {
        let submittedAtMs: Int64
        let correctCount: Int
        let late: Bool
        let counted: Bool
    }

    struct GivenQuestion: Sendable {
        let questionID: String
        let version: Int
        let choiceOrder: [Int]
    }

    struct SavedAnswer: Sendable {
        let choiceIDs: [Int]
        let savedAtMs: Int64
    }

    static let columns = """
        id, quiz_id, member_id, unit_id, number, started_at_ms, deadline_ms, proxy_member_id, question_count,
        state, submitted_at_ms, correct_count, late, counted
        """

    func insert(_ attempt: AttemptRow, questions: [GivenQuestion]) throws {
        try connection.execute(
            """
            INSERT INTO attempts (id, quiz_id, member_id, unit_id, number, started_at_ms, deadline_ms, proxy_member_id,
                                  question_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [attempt.id, attempt.quizID, attempt.memberID, attempt.unitID, attempt.number, attempt.startedAtMs,
             attempt.deadlineMs, attempt.proxyMemberID, attempt.questionCount])
        for (position, question) in questions.enumerated() {
            try connection.execute(
                """
                INSERT INTO attempt_questions (attempt_id, position, question_id, version, choice_order)
                VALUES (?, ?, ?, ?, ?)
                """,
                [attempt.id, position, question.questionID, question.version,
                 StoredLists.joinNumbers(question.choiceOrder)])
        }
    }

    func attempt(_ id: String) throws -> AttemptRow? {
        try connection.queryOne("SELECT \(Self.columns) FROM attempts WHERE id = ?", [id]).map(Self.attemptRow)
    }

    /// The member's attempts at the quiz, by number.
    func attempts(quizID: String, memberID: String) throws -> [AttemptRow] {
        try connection.query("SELECT \(Self.columns) FROM attempts WHERE quiz_id = ? AND member_id = ? ORDER BY number",
                             [quizID, memberID]).map(Self.attemptRow)
    }

    /// Every attempt at the quiz: the statistics' input.
    func attempts(quizID: String) throws -> [AttemptRow] {
        try connection.query("SELECT \(Self.columns) FROM attempts WHERE quiz_id = ?", [quizID]).map(Self.attemptRow)
    }

    /// The attempt number in which the member was last given each question of the quiz.
    func lastSeen(quizID: String, memberID: String) throws -> [String: Int] {
        let rows = try connection.query(
            """
            SELECT q.question_id, max(a.number) FROM attempts a JOIN attempt_questions q ON q.attempt_id = a.id
            WHERE a.quiz_id = ? AND a.member_id = ? GROUP BY q.question_id
            """, [quizID, memberID])
        return try Dictionary(uniqueKeysWithValues: rows.map { (try $0.get(0), try $0.get(1)) })
    }

    func questions(attemptID: String) throws -> [GivenQuestion] {
        try connection.query(
            "SELECT question_id, version, choice_order FROM attempt_questions WHERE attempt_id = ? ORDER BY position",
            [attemptID]
        ).map { row in
            GivenQuestion(questionID: try row.get(0), version: try row.get(1),
                          choiceOrder: StoredLists.splitNumbers(try row.get(2)))
        }
    }

    func answers(attemptID: String) throws -> [String: SavedAnswer] {
        let rows = try connection.query(
            "SELECT question_id, choice_ids, saved_at_ms FROM attempt_answers WHERE attempt_id = ?", [attemptID])
        return try Dictionary(uniqueKeysWithValues: rows.map { row in
            (try row.get(0) as String,
             SavedAnswer(choiceIDs: StoredLists.splitNumbers(try row.get(1)), savedAtMs: try row.get(2)))
        })
    }

    /// Replaces the question's answer; the time taken is counted from the attempt's
    /// previous save (or its start).
    func saveAnswer(attempt: AttemptRow, questionID: String, choiceIDs: [Int], nowMs: Int64) throws {
        let previous: Int64 = try connection.queryOne(
            "SELECT max(saved_at_ms) FROM attempt_answers WHERE attempt_id = ?", [attempt.id]
        )?.get(0) ?? attempt.startedAtMs
        let seconds = Double(max(0, nowMs - max(previous, attempt.startedAtMs))) / 1_000
        try connection.execute(
            """
            INSERT INTO attempt_answers (attempt_id, question_id, choice_ids, saved_at_ms, seconds_taken)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (attempt_id, question_id)
            DO UPDATE SET choice_ids = excluded.choice_ids, saved_at_ms = excluded.saved_at_ms,
                          seconds_taken = excluded.seconds_taken
            """,
            [attempt.id, questionID, StoredLists.joinNumbers(choiceIDs), nowMs, seconds])
    }

    /// Takes the attempt's row lock for the rest of the transaction while it is still
    /// open, and says whether it is. A save and a grading of one attempt each take it
    /// first, so on an engine shared by replicas they happen one after the other: a
    /// save acknowledged before the grading is graded, and one that comes after is
    /// refused, never silently left out. (A no-op UPDATE locks the row on PostgreSQL;
    /// on SQLite, with one writer, they are in turn anyway.)
    func holdOpen(attemptID: String) throws -> Bool {
        try connection.execute("UPDATE attempts SET state = state WHERE id = ? AND state = 0", [attemptID])
        return connection.changes == 1
    }

    /// Grades an open attempt. The `state = 0` guard makes a second grading of the
    /// same attempt change nothing, whichever replica or batch tries it.
    func recordGrade(attemptID: String, _ grade: Grade) throws -> Bool {
        try connection.execute(
            """
            UPDATE attempts SET state = 1, submitted_at_ms = ?, correct_count = ?, late = ?, counted = ?
            WHERE id = ? AND state = 0
            """,
            [grade.submittedAtMs, grade.correctCount, grade.late, grade.counted, attemptID])
        return connection.changes == 1
    }

    /// Every saved answer of the quiz's submitted attempts with the time it took: the
    /// item statistics' input.
    func submittedAnswers(quizID: String) throws -> [(attemptID: String, questionID: String, version: Int,
                                                      choiceIDs: [Int], seconds: Double)] {
        try connection.query(
            """
            SELECT a.id, q.question_id, q.version, s.choice_ids, s.seconds_taken
            FROM attempts a
            JOIN attempt_questions q ON q.attempt_id = a.id
            JOIN attempt_answers s ON s.attempt_id = a.id AND s.question_id = q.question_id
            WHERE a.quiz_id = ? AND a.state = 1
            """, [quizID]
        ).map { row in
            (try row.get(0), try row.get(1), try row.get(2), StoredLists.splitNumbers(try row.get(3)), try row.get(4))
        }
    }

    private static func attemptRow(_ row: Row) throws -> AttemptRow {
        var attempt = AttemptRow(
            id: try row.get(0), quizID: try row.get(1), memberID: try row.get(2), unitID: try row.get(3),
            number: try row.get(4), startedAtMs: try row.get(5), deadlineMs: try row.get(6),
            proxyMemberID: try row.get(7), questionCount: try row.get(8))
        if try row.get(9) as Int == 1 {
            attempt.grade = Grade(submittedAtMs: try row.get(10), correctCount: try row.get(11), late: try row.get(12),
                                  counted: try row.get(13))
        }
        return attempt
    }
}
