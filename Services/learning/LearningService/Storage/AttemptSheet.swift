import LearningContracts
import Store

/// An attempt read whole, with the version of each question it was given: what the
/// member sees while taking it (no key, no explanation), how it is graded, and the
/// result shown once it is submitted.
struct AttemptSheet {
    let attempt: AttemptStore.AttemptRow
    let questions: [(given: AttemptStore.GivenQuestion, content: QuestionContent)]
    let answers: [String: AttemptStore.SavedAnswer]

    static func read(_ attempt: AttemptStore.AttemptRow, in connection: any SQLSession) throws -> AttemptSheet {
        let store = AttemptStore(connection: connection)
        let bank = QuestionBank(connection: connection)
        let questions = try store.questions(attemptID: attempt.id).map { given in
            guard let content = try bank.version(questionID: given.questionID, version: given.version) else {
                throw StoreMissingVersion(questionID: given.questionID)
            }
            return (given, content)
        }
        return AttemptSheet(attempt: attempt, questions: questions, answers: try store.answers(attemptID: attempt.id))
    }

    /// A foreign key makes this impossible; reading it as an error keeps a broken file
    /// from answering as if the question were unanswered.
    struct StoreMissingVersion: Error {
        let questionID: String
    }

    /// What the app shows: the questions in their shuffled choice order, with the
    /// answers saved so far, and nothing that tells the key.
    var forMember: Attempt {
        var view = Attempt()
        view.id = attempt.id
        view.quizID = attempt.quizID
        view.memberID = attempt.memberID
        view.number = Int32(attempt.number)
        view.startedAtMS = attempt.startedAtMs
        view.deadlineMS = attempt.deadlineMs
        view.proxyMemberID = attempt.proxyMemberID
        view.submitted = attempt.grade != nil
        view.questions = questions.map { given, content in
            var question = AttemptQuestion()
            question.questionID = given.questionID
            question.version = Int32(given.version)
            question.kind = content.kind
            question.text = content.text
            question.choices = given.choiceOrder.compactMap { id in
                guard id >= 0, id < content.choices.count else { return nil }
                var choice = AttemptChoice()
                choice.choiceID = Int32(id)
                choice.text = content.choices[id]
                return choice
            }
            question.savedChoiceIDs = (answers[given.questionID]?.choiceIDs ?? []).map(Int32.init)
            return question
        }
        return view
    }

    /// Questions answered exactly right (saves after the deadline and grace were refused).
    var correctCount: Int {
        questions.filter { given, content in
            guard let answer = answers[given.questionID] else { return false }
            return content.isAnsweredCorrectly(by: answer.choiceIDs)
        }.count
    }

    /// The result with the key and explanations; only for a submitted attempt.
    func result(grade: AttemptStore.Grade, memberGrade: Double?, passPercent: Int32) -> AttemptResult {
        var result = AttemptResult()
        result.attemptID = attempt.id
        result.quizID = attempt.quizID
        result.correctCount = Int32(grade.correctCount)
        result.questionCount = Int32(attempt.questionCount)
        result.scorePercent = Grading.percent(correct: grade.correctCount, of: attempt.questionCount)
        result.late = grade.late
        result.counted = grade.counted
        result.submittedAtMS = grade.submittedAtMs
        result.proxyMemberID = attempt.proxyMemberID
        result.gradePercent = memberGrade ?? 0
        result.passed = memberGrade.map { $0 >= Double(passPercent) } ?? false
        result.review = questions.map { given, content in
            var review = QuestionReview()
            review.questionID = given.questionID
            review.version = Int32(given.version)
            let chosen = answers[given.questionID]?.choiceIDs ?? []
            review.chosenChoiceIDs = chosen.map(Int32.init)
            review.correctChoiceIDs = content.correct.map(Int32.init)
            review.correct = answers[given.questionID] != nil && content.isAnsweredCorrectly(by: chosen)
            review.explanation = content.explanation
            return review
        }
        return result
    }
}
