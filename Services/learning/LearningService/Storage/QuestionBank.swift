import LearningContracts
import RPC
import Store

/// The question bank's rows: categories, questions and every version of each.
struct QuestionBank {
    let connection: any SQLSession

    struct CategoryRow: Sendable {
        let id: String
        let unitID: String
        let name: String

        var category: Category {
            var category = Category()
            category.id = id
            category.unitID = unitID
            category.name = name
            return category
        }
    }

    func insertCategory(_ row: CategoryRow, nowMs: Int64) throws {
        try connection.execute("INSERT INTO categories (id, unit_id, name, created_at_ms) VALUES (?, ?, ?, ?)",
                               [row.id, row.unitID, row.name, nowMs])
    }

    func category(_ id: String) throws -> CategoryRow? {
        try connection.queryOne("SELECT id, unit_id, name FROM categories WHERE id = ?", [id]).map { row in
            CategoryRow(id: try row.get(0), unitID: try row.get(1), name: try row.get(2))
        }
    }

    func insertQuestion(id: String, categoryID: String, content: QuestionContent, nowMs: Int64) throws {
        try connection.execute("INSERT INTO questions (id, category_id, current_version) VALUES (?, ?, 1)",
                               [id, categoryID])
        try insertVersion(questionID: id, version: 1, content: content, nowMs: nowMs)
    }

    /// The question's category (for rights) and current version.
    func question(_ id: String) throws -> (category: String, question: Question)? {
        guard let row = try connection.queryOne(
            "SELECT category_id, current_version, retired_at_ms IS NOT NULL FROM questions WHERE id = ?", [id])
        else { return nil }
        let version: Int = try row.get(1)
        guard let content = try self.version(questionID: id, version: version) else { return nil }
        var question = Self.question(id: id, version: version, content: content)
        question.categoryID = try row.get(0)
        question.retired = try row.get(2)
        return (question.categoryID, question)
    }

    /// A new version becomes current; attempts keep pointing at the one they were given.
    func revise(_ id: String, to content: QuestionContent, nowMs: Int64) throws {
        try connection.execute("UPDATE questions SET current_version = current_version + 1 WHERE id = ?", [id])
        let version: Int = try connection.queryOne("SELECT current_version FROM questions WHERE id = ?", [id])?
            .get(0) ?? 1
        try insertVersion(questionID: id, version: version, content: content, nowMs: nowMs)
    }

    /// A retired question is drawn no more; attempts that hold it keep it.
    func retire(_ id: String, nowMs: Int64) throws {
        try connection.execute("UPDATE questions SET retired_at_ms = ? WHERE id = ? AND retired_at_ms IS NULL",
                               [nowMs, id])
    }

    func version(questionID: String, version: Int) throws -> QuestionContent? {
        try connection.queryOne(
            "SELECT kind, text, choices, correct, explanation FROM question_versions WHERE question_id = ? AND version = ?",
            [questionID, version]
        ).map { row in
            QuestionContent(kind: QuestionKind(rawValue: Int32(try row.get(0) as Int)), text: try row.get(1),
                            choices: StoredLists.splitTexts(try row.get(2)),
                            correct: StoredLists.splitNumbers(try row.get(3)), explanation: try row.get(4))
        }
    }

    func liveQuestionIDs(inCategory categoryID: String) throws -> [String] {
        try connection.query("SELECT id FROM questions WHERE category_id = ? AND retired_at_ms IS NULL ORDER BY id",
                             [categoryID]).map { try $0.get(0) }
    }

    static func question(id: String, version: Int, content: QuestionContent) -> Question {
        var question = Question()
        question.id = id
        question.version = Int32(version)
        question.kind = content.kind
        question.text = content.text
        question.choices = content.choices
        question.correctChoices = content.correct.map(Int32.init)
        question.explanation = content.explanation
        return question
    }

    private func insertVersion(questionID: String, version: Int, content: QuestionContent, nowMs: Int64) throws {
        try connection.execute(
            """
            INSERT INTO question_versions (question_id, version, kind, text, choices, correct, explanation, created_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [questionID, version, Int(content.kind.rawValue), content.text, StoredLists.joinTexts(content.choices),
             StoredLists.joinNumbers(content.correct), content.explanation, nowMs])
    }
}
