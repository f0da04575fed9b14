import FeedbackContracts
import RPC
import ServiceToolkit

/// What a survey may hold and what a response must look like.
enum SurveyRules {
    static let maxQuestions = 100
    static let maxChoices = 20
    static let maxScale: Int32 = 10
    static let freeTextLimit = TextLimit(maxCharacters: 4_000, multiline: true)

    static func checkedQuestions(_ questions: [SurveyQuestion]) throws(RPCError) -> [SurveyQuestion] {
        guard (1...maxQuestions).contains(questions.count) else {
            throw RPCError.invalidArgument(field: "questions", "must hold 1 to \(maxQuestions) questions")
        }
        var checked: [SurveyQuestion] = []
        for (index, question) in questions.enumerated() {
            let field = "questions[\(index)]"
            var clean = SurveyQuestion()
            clean.kind = question.kind
            clean.text = try TextInput.checked(question.text, field: "\(field).text", limit: .freeText)
            switch question.kind {
            case .choice:
                guard (2...maxChoices).contains(question.choices.count) else {
                    throw RPCError.invalidArgument(field: "\(field).choices", "must hold 2 to \(maxChoices) choices")
                }
                clean.choices = try question.choices.enumerated().map { choice throws(RPCError) in
                    try TextInput.name(choice.element, field: "\(field).choices[\(choice.offset)]")
                }
            case .scale:
                guard (2...maxScale).contains(question.scaleMax) else {
                    throw RPCError.invalidArgument(field: "\(field).scale_max", "must be 2 to \(maxScale)")
                }
                clean.scaleMax = question.scaleMax
            case .freeText: break
            default: throw RPCError.invalidArgument(field: "\(field).kind", "must be choice, scale or free text")
            }
            checked.append(clean)
        }
        return checked
    }

    /// The response checked against the survey: each question at most once, values in
    /// range, free text through the text checks.
    static func checkedAnswers(_ answers: [SurveyAnswer], for survey: Survey) throws(RPCError) -> [SurveyAnswer] {
        var seen = Set<Int32>()
        var checked: [SurveyAnswer] = []
        for (index, answer) in answers.enumerated() {
            let field = "answers[\(index)]"
            guard answer.question >= 0, Int(answer.question) < survey.questions.count, seen.insert(answer.question).inserted
            else { throw RPCError.invalidArgument(field: "\(field).question", "is not a question of the survey, or repeats one") }
            let question = survey.questions[Int(answer.question)]
            var clean = SurveyAnswer()
            clean.question = answer.question
            switch question.kind {
            case .choice:
                guard answer.value >= 0, Int(answer.value) < question.choices.count else {
                    throw RPCError.invalidArgument(field: "\(field).value", "is not one of the choices")
                }
                clean.value = answer.value
            case .scale:
                guard (1...question.scaleMax).contains(answer.value) else {
                    throw RPCError.invalidArgument(field: "\(field).value", "must be 1 to \(question.scaleMax)")
                }
                clean.value = answer.value
            default:
                clean.text = try TextInput.checked(answer.text, field: "\(field).text", limit: freeTextLimit)
            }
            checked.append(clean)
        }
        guard !checked.isEmpty else { throw RPCError.invalidArgument(field: "answers", "is required") }
        return checked
    }
}
