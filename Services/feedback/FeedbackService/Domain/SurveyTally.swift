import FeedbackContracts

/// Counts responses per question, for the whole survey and per respondent's unit.
/// Free-text answers are kept only when the reader is an owner.
struct SurveyTally {
    let survey: Survey
    let includeFreeText: Bool
    private(set) var total: UnitResults
    private(set) var units: [String: UnitResults] = [:]

    init(survey: Survey, includeFreeText: Bool) {
        self.survey = survey
        self.includeFreeText = includeFreeText
        total = Self.empty(survey, unitID: "")
    }

    mutating func add(unitID: String, proxy: Bool, answers: [SurveyAnswer]) {
        var unit = units[unitID] ?? Self.empty(survey, unitID: unitID)
        record(into: &unit, proxy: proxy, answers: answers)
        units[unitID] = unit
        record(into: &total, proxy: proxy, answers: answers)
    }

    private func record(into results: inout UnitResults, proxy: Bool, answers: [SurveyAnswer]) {
        results.responses += 1
        if proxy { results.proxyResponses += 1 }
        for answer in answers {
            let index = Int(answer.question)
            switch survey.questions[index].kind {
            case .choice: results.questions[index].counts[Int(answer.value)] += 1
            case .scale: results.questions[index].counts[Int(answer.value) - 1] += 1
            default: if includeFreeText { results.questions[index].freeTexts.append(answer.text) }
            }
        }
    }

    var results: SurveyResults {
        var results = SurveyResults()
        results.surveyID = survey.id
        results.responses = total.responses
        results.proxyResponses = total.proxyResponses
        results.questions = total.questions
        results.units = units.values.sorted { $0.unitID < $1.unitID }
        return results
    }

    private static func empty(_ survey: Survey, unitID: String) -> UnitResults {
        var results = UnitResults()
        results.unitID = unitID
        results.questions = survey.questions.enumerated().map { index, question in
            var result = QuestionResult()
            result.question = Int32(index)
            switch question.kind {
            case .choice: result.counts = Array(repeating: 0, count: question.choices.count)
            case .scale: result.counts = Array(repeating: 0, count: Int(question.scaleMax))
            default: break
            }
            return result
        }
        return results
    }
}
