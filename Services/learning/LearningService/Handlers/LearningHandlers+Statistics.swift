import LearningContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

extension LearningHandlers {
    /// Exact figures of the quiz in the unit's subtree and in each of its active
    /// children, the children ranked (units, never members, are ranked).
    func getQuizStatistics(_ request: GetQuizStatisticsRequest, context: CallContext) async throws -> QuizStatistics {
        let (quiz, unitID) = try await quizForStatistics(request.quizID, unitID: request.unitID, context: context)
        let attempts = try await read { connection in try AttemptStore(connection: connection).attempts(quizID: quiz.id) }
        let tree = self.tree.tree
        let children = tree.children(of: unitID)
        let outcomes = Self.memberOutcomes(attempts, grading: quiz.grading)
        let units = [unitID] + children.map(\.id)
        // Members targeted in a unit: the part of its subtree the quiz targets.
        var counted: [String: String] = [:]
        for unit in units {
            if tree.isUnit(unit, inSubtreeOf: quiz.targetUnitID) {
                counted[unit] = unit
            } else if tree.isUnit(quiz.targetUnitID, inSubtreeOf: unit) {
                counted[unit] = quiz.targetUnitID
            }
        }
        let members = try await memberCounts.members(in: Array(Set(counted.values)))
        let tally = UnitFiguresTally(passPercent: Double(quiz.passPercent))
        func figures(_ unit: String, name: String) -> UnitFigures {
            tally.figures(unitID: unit, unitName: name, targeted: counted[unit].flatMap { members[$0] } ?? 0,
                          outcomes: outcomes.lazy.filter { tree.isUnit($0.unitID, inSubtreeOf: unit) })
        }
        var statistics = QuizStatistics()
        statistics.unit = figures(unitID, name: tree.unit(unitID)?.name ?? "")
        statistics.children = UnitFiguresTally.ranked(children.map { figures($0.id, name: $0.name) })
        return statistics
    }

    /// Facility, discrimination and time per question over the submitted attempts of
    /// members in the unit's subtree, with the reasons to review each.
    func getItemStatistics(_ request: GetItemStatisticsRequest, context: CallContext) async throws -> ItemStatistics {
        let (quiz, unitID) = try await quizForStatistics(request.quizID, unitID: request.unitID, context: context)
        let tree = self.tree.tree
        let (attempts, answers, contents) = try await read { connection in
            let store = AttemptStore(connection: connection)
            let answers = try store.submittedAnswers(quizID: quiz.id)
            let bank = QuestionBank(connection: connection)
            var contents: [String: QuestionContent] = [:]
            for answer in answers where contents["\(answer.questionID)#\(answer.version)"] == nil {
                contents["\(answer.questionID)#\(answer.version)"] = try bank.version(questionID: answer.questionID,
                                                                                    version: answer.version)
            }
            return (try store.attempts(quizID: quiz.id), answers, contents)
        }
        let inSubtree = Dictionary(uniqueKeysWithValues: attempts.compactMap { attempt -> (String, Double)? in
            guard let grade = attempt.grade, grade.counted, tree.isUnit(attempt.unitID, inSubtreeOf: unitID) else {
                return nil
            }
            return (attempt.id, Grading.percent(correct: grade.correctCount, of: attempt.questionCount))
        })
        var byAttempt: [String: [ItemAnalysis.Answer]] = [:]
        for answer in answers where inSubtree[answer.attemptID] != nil {
            let correct = contents["\(answer.questionID)#\(answer.version)"]?.isAnsweredCorrectly(by: answer.choiceIDs)
            byAttempt[answer.attemptID, default: []].append(ItemAnalysis.Answer(
                questionID: answer.questionID, version: answer.version, correct: correct ?? false,
                seconds: answer.seconds))
        }
        let analysis = ItemAnalysis(attempts: inSubtree.map { id, score in
            ItemAnalysis.AttemptAnswers(scorePercent: score, answers: byAttempt[id] ?? [])
        })
        var statistics = ItemStatistics()
        statistics.items = analysis.figures()
        return statistics
    }

    /// The quiz, for a caller who reads statistics of `unitID`, when the quiz targets
    /// part of that subtree; NOT_FOUND otherwise.
    private func quizForStatistics(_ quizID: String, unitID: String, context: CallContext) async throws
        -> (Quiz, String)
    {
        let quizID = try RecordID.checked(quizID, prefix: "qz", field: "quiz_id")
        _ = try require(Self.statisticsReaders, on: unitID, field: "unit_id", context: context,
                        to: "read this unit's quiz statistics")
        let quiz = try await read { connection in try QuizStore(connection: connection).quiz(quizID) }
        guard let quiz, tree.isUnit(unitID, inSubtreeOf: quiz.targetUnitID)
            || tree.isUnit(quiz.targetUnitID, inSubtreeOf: unitID)
        else { throw Self.notFound("quiz", field: "quiz_id") }
        return (quiz, unitID)
    }

    /// One outcome per member: their unit at their latest attempt and their grade.
    static func memberOutcomes(_ attempts: [AttemptStore.AttemptRow], grading: GradingMethod)
        -> [UnitFiguresTally.MemberOutcome]
    {
        Dictionary(grouping: attempts, by: \.memberID).values.map { own in
            let latest = own.max { $0.number < $1.number }
            return UnitFiguresTally.MemberOutcome(unitID: latest?.unitID ?? "",
                                                  gradePercent: Grading.grade(own.compactMap(scored), method: grading))
        }
    }
}
