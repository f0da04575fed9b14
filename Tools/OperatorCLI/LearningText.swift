import Foundation
import LearningContracts

/// How `sotay app quiz` prints an attempt and a result.
enum LearningText {
    static func attempt(_ attempt: Attempt) -> String {
        var lines = ["attempt \(attempt.id) (number \(attempt.number))"
                     + (attempt.deadlineMS > 0 ? ", answers until \(CLITime.text(attempt.deadlineMS))" : "")
                     + (attempt.proxyMemberID.isEmpty ? "" : ", taken for the member by \(attempt.proxyMemberID)")]
        for (index, question) in attempt.questions.enumerated() {
            lines.append("\(index + 1). \(question.text)  [\(question.questionID)]")
            for choice in question.choices { lines.append("     \(choice.choiceID)) \(choice.text)") }
        }
        lines.append("answer: sotay app quiz answer \(attempt.id) QUESTION_ID CHOICE[,CHOICE]; then: sotay app quiz submit \(attempt.id)")
        return lines.joined(separator: "\n")
    }

    static func result(_ result: AttemptResult) -> String {
        var lines = [String(format: "%d of %d right (%.0f%%)%@; your grade %.0f%%, %@", result.correctCount,
                            result.questionCount, result.scorePercent, result.late ? ", late" : "",
                            result.gradePercent, result.passed ? "passed" : "not passed")]
        for (index, review) in result.review.enumerated() {
            lines.append("\(index + 1). \(review.correct ? "right" : "wrong"): you chose "
                         + (review.chosenChoiceIDs.isEmpty ? "nothing" : ids(review.chosenChoiceIDs)) + ", the key is "
                         + "\(ids(review.correctChoiceIDs)). \(review.explanation)")
        }
        return lines.joined(separator: "\n")
    }

    private static func ids(_ choices: [Int32]) -> String {
        choices.map(String.init).joined(separator: ",")
    }

}
