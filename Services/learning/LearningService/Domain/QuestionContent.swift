import LearningContracts
import RPC
import ServiceToolkit

/// One version of a question as the bank keeps it: the text, the choices, which of
/// them are right and why. Built only through `checked`, so a stored question always
/// has a kind, 2–10 choices and a key its kind allows.
struct QuestionContent: Sendable, Hashable {
    static let maxChoices = 10
    static let trueFalseChoices = ["Đúng", "Sai"]
    static let questionLimit = TextLimit(maxCharacters: 2_000, multiline: true)
    static let choiceLimit = TextLimit(maxCharacters: 500)

    let kind: QuestionKind
    let text: String
    let choices: [String]
    /// Indexes into `choices`, ascending.
    let correct: [Int]
    let explanation: String

    /// INVALID_ARGUMENT naming the field (`prefix` + "text", "choices[2]" …) for the
    /// first thing wrong. A true/false question with no choices gets "Đúng" and "Sai".
    static func checked(kind: QuestionKind, text: String, choices: [String], correct: [Int], explanation: String,
                        prefix: String = "") throws(RPCError) -> QuestionContent {
        switch kind {
        case .singleChoice, .multipleChoice, .trueFalse: break
        default: throw RPCError.invalidArgument(field: prefix + "kind", "must be single, multiple or true/false")
        }
        let text = try TextInput.checked(text, field: prefix + "text", limit: questionLimit)
        let explanation = try TextInput.checked(explanation, field: prefix + "explanation", limit: .freeText,
                                                required: false)
        var given = choices
        if kind == .trueFalse && given.isEmpty { given = trueFalseChoices }
        guard given.count >= 2, given.count <= maxChoices else {
            throw RPCError.invalidArgument(field: prefix + "choices", "needs 2 to \(maxChoices) choices")
        }
        if kind == .trueFalse && given.count != 2 {
            throw RPCError.invalidArgument(field: prefix + "choices", "a true/false question has exactly 2 choices")
        }
        var checkedChoices: [String] = []
        for (index, choice) in given.enumerated() {
            checkedChoices.append(try TextInput.checked(choice, field: prefix + "choices[\(index)]", limit: choiceLimit))
        }
        guard Set(checkedChoices).count == checkedChoices.count else {
            throw RPCError.invalidArgument(field: prefix + "choices", "two choices have the same text")
        }
        let key = Set(correct)
        guard key.allSatisfy({ $0 >= 0 && $0 < checkedChoices.count }) else {
            throw RPCError.invalidArgument(field: prefix + "correct_choices", "names a choice that does not exist")
        }
        guard !key.isEmpty, key.count == correct.count else {
            throw RPCError.invalidArgument(field: prefix + "correct_choices", "names no choice, or one twice")
        }
        if kind != .multipleChoice && key.count != 1 {
            throw RPCError.invalidArgument(field: prefix + "correct_choices", "this kind of question has one right choice")
        }
        return QuestionContent(kind: kind, text: text, choices: checkedChoices, correct: key.sorted(),
                               explanation: explanation)
    }

    init(kind: QuestionKind, text: String, choices: [String], correct: [Int], explanation: String) {
        self.kind = kind
        self.text = text
        self.choices = choices
        self.correct = correct
        self.explanation = explanation
    }

    /// All or nothing: the chosen set must be exactly the right set.
    func isAnsweredCorrectly(by chosen: [Int]) -> Bool {
        Set(chosen) == Set(correct)
    }

    /// INVALID_ARGUMENT naming `choice_ids` when an answer names a choice this version
    /// lacks, names one twice, or picks several on a one-answer question.
    func checkAnswer(_ chosen: [Int]) throws(RPCError) {
        guard chosen.allSatisfy({ $0 >= 0 && $0 < choices.count }), Set(chosen).count == chosen.count else {
            throw RPCError.invalidArgument(field: "choice_ids", "names a choice the question does not have, or one twice")
        }
        if kind != .multipleChoice && chosen.count > 1 {
            throw RPCError.invalidArgument(field: "choice_ids", "this question takes one choice")
        }
    }
}
