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
        let tree = self.tree.tree
        let children = tree.children(of: unitID)
        let figures = try await quizFigures(quiz, units: [(unitID, tree.unit(unitID)?.name ?? "")] + children.map { ($0.id, $0.name) },
                                            tree: tree)
        var statistics = QuizStatistics()
        statistics.unit = figures[0]
        statistics.children = UnitFiguresTally.ranked(Array(figures.dropFirst()))
        return statistics
    }

    /// The month's figures of a unit's subtree over every quiz open in the month that
    /// targets part of it, summed (the monthly report's study column).
    func getMonthFigures(_ request: GetMonthFiguresRequest, context: CallContext) async throws -> UnitFigures {
        let month = try ReportMonth(checking: request.month, field: "month")
        let unitID = request.unitID
        _ = try require(Self.statisticsReaders, on: unitID, field: "unit_id", context: context,
                        to: "read this unit's study figures")
        let tree = self.tree.tree
        let quizzes = try await read { connection in
            let store = QuizStore(connection: connection)
            return try store.quizIDs(openBetween: month.startMs, and: month.endMs).compactMap { try store.quiz($0) }
        }.filter { tree.isUnit(unitID, inSubtreeOf: $0.targetUnitID) || tree.isUnit($0.targetUnitID, inSubtreeOf: unitID) }
        var total = UnitFigures()
        total.unitID = unitID
        total.unitName = tree.unit(unitID)?.name ?? ""
        total.gradeDistribution = [Int64](repeating: 0, count: 10)
        var gradeSum = 0.0
        for quiz in quizzes {
            guard let figures = try await quizFigures(quiz, units: [(unitID, total.unitName)], tree: tree).first else { continue }
            total.membersTargeted += figures.membersTargeted
            total.started += figures.started
            total.completed += figures.completed
            total.passed += figures.passed
            gradeSum += figures.averageGradePercent * Double(figures.completed)
            total.gradeDistribution = zip(total.gradeDistribution, figures.gradeDistribution).map { $0 + $1 }
        }
        total.averageGradePercent = total.completed == 0 ? 0 : gradeSum / Double(total.completed)
        return total
    }

    /// A quiz's figures for each of `units` (id and name): the members it targets in
    /// each unit's subtree, and their outcomes, each member once.
    private func quizFigures(_ quiz: Quiz, units: [(id: String, name: String)], tree: OrgTree) async throws -> [UnitFigures] {
        let attempts = try await read { connection in try AttemptStore(connection: connection).attempts(quizID: quiz.id) }
        let outcomes = Self.memberOutcomes(attempts, grading: quiz.grading)
        // Members targeted in a unit: the part of its subtree the quiz targets.
        var counted: [String: String] = [:]
        for unit in units {
            if tree.isUnit(unit.id, inSubtreeOf: quiz.targetUnitID) {
                counted[unit.id] = unit.id
            } else if tree.isUnit(quiz.targetUnitID, inSubtreeOf: unit.id) {
                counted[unit.id] = quiz.targetUnitID
            }
        }
        let members = try await memberCounts.members(in: Array(Set(counted.values)))
        let tally = UnitFiguresTally(passPercent: Double(quiz.passPercent))
        return units.map { unit in
            tally.figures(unitID: unit.id, unitName: unit.name, targeted: counted[unit.id].flatMap { members[$0] } ?? 0,
                          outcomes: outcomes.lazy.filter { tree.isUnit($0.unitID, inSubtreeOf: unit.id) })
        }
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
