import Store

/// Which quizzes are open when: the home screen asks for now, the monthly figures for a
/// month. Quizzes are few (a province opens a handful a month), so the answer is ids
/// that the caller filters by the tree.
extension QuizStore {
    /// Quizzes open at some instant in [fromMs, toMs), soonest closing first.
    func quizIDs(openBetween fromMs: Int64, and toMs: Int64) throws -> [String] {
        try connection.query(
            "SELECT id FROM quizzes WHERE opens_at_ms < ? AND closes_at_ms > ? ORDER BY closes_at_ms, id",
            [toMs, fromMs]
        ).map { try $0.get(0) }
    }
}
