import FeedbackContracts
import FeedbackService
import Foundation
import RPC
import ServiceKit

/// `sotay app feedback|survey …`: the member's side of the feedback service by hand,
/// with the token of whoever logged in with `sotay app` (a member sends and follows,
/// answers surveys; a survey's owners read its results). The agency's side is
/// `FeedbackAgencyAppCommand`.
struct FeedbackAppCommand {
    let arguments: [String]
    let environment: OperatorEnvironment
    let session: AppSession

    func run() async throws -> Int32 {
        let client = FeedbackServiceClient(channel: try environment.channel(to: .feedback))
        _ = try session.required()
        let options = CallOptions(metadata: session.accessMetadata() ?? [:])
        let words = arguments
        switch (words.first, words.dropFirst().first, words.count) {
        case ("feedback", "send", 5):
            var request = SubmitItemRequest()
            request.kind = .feedback
            request.category = try Self.category(words[2])
            request.title = words[3]
            request.body = words[4]
            request.idempotencyKey = UUID().uuidString
            print(Self.describe(try await Self.call { try await client.submitItem(request, options: options) }))
        case ("feedback", "list", 2):
            let list = try await Self.call { try await client.listMyItems(ListMyItemsRequest(), options: options) }
            for item in list.items { print(Self.line(item)) }
        case ("feedback", "show", 3):
            var request = GetItemRequest()
            request.itemID = words[2]
            print(Self.describe(try await Self.call { try await client.getItem(request, options: options) }))
        case ("feedback", "reopen", 4):
            var request = ReopenItemRequest()
            (request.itemID, request.reason) = (words[2], words[3])
            print(Self.describe(try await Self.call { try await client.reopenItem(request, options: options) }))
        case ("survey", "list", 2):
            let list = try await Self.call { try await client.listOpenSurveys(ListOpenSurveysRequest(), options: options) }
            for survey in list.surveys {
                print("\(survey.id)  \(survey.title)\(survey.responded ? "  (answered)" : "")")
                for (index, question) in survey.questions.enumerated() {
                    print("    \(index). \(question.text) \(question.choices.isEmpty ? "" : question.choices.joined(separator: " | "))")
                }
            }
        case ("survey", "respond", let count) where count >= 4:
            var request = RespondSurveyRequest()
            request.surveyID = words[2]
            request.answers = try words.dropFirst(3).map(Self.surveyAnswer)
            let response = try await Self.call { try await client.respondSurvey(request, options: options) }
            print("response recorded\(response.proxy ? " (as proxy)" : "")")
        case ("survey", "results", 3):
            var request = GetSurveyResultsRequest()
            request.surveyID = words[2]
            print(Self.describe(try await Self.call { try await client.getSurveyResults(request, options: options) }))
        default:
            throw CLIError.usage("cannot read 'app \(words.joined(separator: " "))'")
        }
        return 0
    }

    /// Runs one call, turning its status into a one-line CLI error.
    static func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RPCError {
            throw CLIError(description: error.description)
        }
    }

    static let categories: [String: FeedbackContracts.Category] = [
        "party-building": .partyBuilding, "ideology": .ideology, "discipline": .discipline,
        "internal-affairs": .internalAffairsMatter, "administration": .administration, "other": .other,
    ]

    static let agencyKinds: [String: AgencyKind] = [
        "office": .office, "organisation": .organisationBoard, "propaganda": .propagandaBoard,
        "inspection": .inspectionCommission, "internal-affairs": .internalAffairs,
    ]

    static func category(_ word: String) throws -> FeedbackContracts.Category {
        guard let category = categories[word] else {
            throw CLIError.usage("category: one of \(categories.keys.sorted().joined(separator: ", "))")
        }
        return category
    }

    static func agencyKind(_ word: String) throws -> AgencyKind {
        guard let kind = agencyKinds[word] else {
            throw CLIError.usage("agency: one of \(agencyKinds.keys.sorted().joined(separator: ", "))")
        }
        return kind
    }

    /// `Q=V` (a choice's index or a scale value) or `Q=text…` for a free-text question.
    static func surveyAnswer(_ word: String) throws -> SurveyAnswer {
        let parts = word.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let question = Int32(parts[0]) else {
            throw CLIError.usage("survey answers are QUESTION=VALUE (0=1 1=4 2=\"free text\")")
        }
        var answer = SurveyAnswer()
        answer.question = question
        if let value = Int32(parts[1]) { answer.value = value } else { answer.text = String(parts[1]) }
        return answer
    }

    static func line(_ item: Item) -> String {
        let due = CLITime.text(item.dueAtMS)
        return "\(item.id)  \(item.status.label.padding(toLength: 24, withPad: " ", startingAt: 0)) due \(due)  \(item.title)"
    }

    /// Counts per question (choice or scale value: count), overall then per unit, and
    /// the free-text answers the caller may read.
    static func describe(_ results: SurveyResults) -> String {
        func questions(_ list: [QuestionResult], indent: String) -> [String] {
            list.flatMap { question in
                ["\(indent)\(question.question). " + question.counts.enumerated().map { "\($0.offset): \($0.element)" }
                    .joined(separator: "  ")]
                    + question.freeTexts.map { "\(indent)    «\($0)»" }
            }
        }
        var lines = ["\(results.surveyID): \(results.responses) responses (\(results.proxyResponses) by proxy)"]
        lines += questions(results.questions, indent: "  ")
        for unit in results.units {
            lines.append("  unit \(unit.unitID): \(unit.responses) responses (\(unit.proxyResponses) by proxy)")
            lines += questions(unit.questions, indent: "    ")
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ item: Item) -> String {
        var lines = [line(item), "  agency: \(item.owner.kind.label ?? "?") of \(item.owner.unitID)"
            + (item.routedByRuleID.isEmpty ? " (no rule: the nearest committee's office)" : " (rule \(item.routedByRuleID))")]
        if item.escalationLevel > 0 { lines.append("  escalated \(item.escalationLevel)× to \(item.escalatedToUnitID)") }
        if let answer = item.answer { lines.append("  answer (\(answer.visibility == .public ? "public" : "private")): \(answer.text)") }
        for event in item.events {
            let time = CLITime.text(event.atMS)
            lines.append("  \(time)  \(event.status.label)\(event.reason.isEmpty ? "" : ": \(event.reason)")")
        }
        return lines.joined(separator: "\n")
    }
}
