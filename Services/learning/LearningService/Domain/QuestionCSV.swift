import Foundation
import LearningContracts
import RPC
import RPCContracts

/// Reads a question file (`ImportQuestionsRequest`'s format): RFC 4180 quoting, a
/// header `kind,question,choices,correct,explanation`, one question a line. Every bad
/// line is reported by its number (the header is line 1), and nothing is returned
/// unless all are good, so an import is never half-applied.
enum QuestionCSV {
    static let header = ["kind", "question", "choices", "correct", "explanation"]
    static let maxQuestions = 2_000
    static let maxBytes = 4 * 1_024 * 1_024

    static func parse(_ text: String) throws(RPCError) -> [QuestionContent] {
        guard text.utf8.count <= maxBytes else {
            throw RPCError.invalidArgument(field: "csv", "is larger than \(maxBytes) bytes")
        }
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSVRecords.split(text)
        } catch {
            throw RPCError.invalidArgument(field: "csv", "line \(error.line): \(error.reason)")
        }
        guard let first = records.first, first.fields.map({ $0.lowercased() }) == header else {
            throw RPCError.invalidArgument(field: "csv", "line 1: the header must be \(header.joined(separator: ","))")
        }
        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw RPCError.invalidArgument(field: "csv", "holds no question") }
        guard rows.count <= maxQuestions else {
            throw RPCError.invalidArgument(field: "csv", "holds more than \(maxQuestions) questions")
        }
        var questions: [QuestionContent] = []
        var violations: [FieldViolation] = []
        for row in rows {
            do {
                questions.append(try question(row.fields))
            } catch {
                var violation = FieldViolation()
                violation.field = "csv"
                violation.description = "line \(row.line): \(error.message)"
                violations.append(violation)
            }
        }
        if !violations.isEmpty {
            let shown = violations.prefix(20).map(\.description).joined(separator: "; ")
            throw RPCError(.invalidArgument, "csv: \(violations.count) bad line(s), nothing imported: \(shown)",
                           fieldViolations: violations)
        }
        return questions
    }

    private static func question(_ fields: [String]) throws(RPCError) -> QuestionContent {
        guard fields.count == header.count else {
            throw RPCError(.invalidArgument, "has \(fields.count) fields, not \(header.count)")
        }
        let kind: QuestionKind
        switch fields[0].trimmingCharacters(in: .whitespaces).lowercased() {
        case "single": kind = .singleChoice
        case "multiple": kind = .multipleChoice
        case "true_false": kind = .trueFalse
        default: throw RPCError(.invalidArgument, "kind must be single, multiple or true_false")
        }
        let choices = fields[2].isEmpty ? [] : fields[2].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var correct: [Int] = []
        for number in fields[3].split(separator: "|") {
            guard let value = Int(number.trimmingCharacters(in: .whitespaces)), value >= 1 else {
                throw RPCError(.invalidArgument, "correct must be choice numbers from 1, separated by |")
            }
            correct.append(value - 1)
        }
        do {
            return try QuestionContent.checked(kind: kind, text: fields[1], choices: choices, correct: correct,
                                               explanation: fields[4])
        } catch {
            // The field names of the message become the file's column names.
            throw RPCError(.invalidArgument, error.message.replacingOccurrences(of: "correct_choices:", with: "correct:")
                .replacingOccurrences(of: "text:", with: "question:"))
        }
    }
}
