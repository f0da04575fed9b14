import LearningContracts

/// Classical item statistics over submitted attempts: facility (share right),
/// discrimination (facility in the top 27% of attempts by score minus the bottom 27%),
/// the median time taken, and the reasons to review a question. Questions that leak
/// or do not measure understanding show up here: too easy, too hard, answered better
/// by weaker members, or answered faster than it can be read.
struct ItemAnalysis {
    struct Answer: Sendable {
        let questionID: String
        let version: Int
        let correct: Bool
        let seconds: Double
    }

    struct AttemptAnswers: Sendable {
        let scorePercent: Double
        let answers: [Answer]
    }

    /// Fewer answers than this and a question is not flagged: the figures are noise.
    static let minimumAnswers = 5
    static let tooEasyAbove = 0.9
    static let tooHardBelow = 0.2
    static let tooFastSeconds = 3.0
    static let groupShare = 0.27

    let attempts: [AttemptAnswers]

    func figures() -> [ItemFigures] {
        let ranked = attempts.sorted { $0.scorePercent < $1.scorePercent }
        let groupSize = ranked.isEmpty ? 0 : max(1, Int((Double(ranked.count) * Self.groupShare).rounded()))
        let bottom = Self.facilities(ranked.prefix(groupSize))
        let top = Self.facilities(ranked.suffix(groupSize))
        var answersByItem: [ItemKey: [Answer]] = [:]
        for attempt in attempts {
            for answer in attempt.answers { answersByItem[ItemKey(answer), default: []].append(answer) }
        }
        return answersByItem.keys.sorted { ($0.questionID, $0.version) < ($1.questionID, $1.version) }.map { key in
            let answers = answersByItem[key] ?? []
            var figures = ItemFigures()
            figures.questionID = key.questionID
            figures.version = Int32(key.version)
            figures.answered = Int64(answers.count)
            figures.facility = Double(answers.filter(\.correct).count) / Double(max(1, answers.count))
            figures.discrimination = (top[key] ?? 0) - (bottom[key] ?? 0)
            figures.medianSeconds = Self.median(answers.map(\.seconds))
            figures.reviewReasons = Self.reasons(figures)
            return figures
        }
    }

    static func reasons(_ figures: ItemFigures) -> [ReviewReason] {
        guard figures.answered >= minimumAnswers else { return [] }
        var reasons: [ReviewReason] = []
        if figures.facility > tooEasyAbove { reasons.append(.tooEasy) }
        if figures.facility < tooHardBelow { reasons.append(.tooHard) }
        if figures.discrimination < 0 { reasons.append(.negativeDiscrimination) }
        if figures.medianSeconds < tooFastSeconds { reasons.append(.answeredTooFast) }
        return reasons
    }

    private struct ItemKey: Hashable {
        let questionID: String
        let version: Int

        init(_ answer: Answer) {
            questionID = answer.questionID
            version = answer.version
        }
    }

    private static func facilities(_ group: some Sequence<AttemptAnswers>) -> [ItemKey: Double] {
        var right: [ItemKey: Int] = [:]
        var total: [ItemKey: Int] = [:]
        for attempt in group {
            for answer in attempt.answers {
                total[ItemKey(answer), default: 0] += 1
                if answer.correct { right[ItemKey(answer), default: 0] += 1 }
            }
        }
        return total.mapValues(Double.init).reduce(into: [:]) { result, entry in
            result[entry.key] = Double(right[entry.key] ?? 0) / entry.value
        }
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
