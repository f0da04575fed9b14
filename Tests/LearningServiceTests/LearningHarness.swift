import Foundation
import LearningContracts
import LearningService
import OrgService
import PostgresTestSupport
import RPC
import ServiceKit
import ServiceTestSupport
import Testing

/// The engines every rule of the service is tested on: its own SQLite file (the
/// default) and a PostgreSQL database, a new one per test on a shared throwaway server.
enum LearningEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// The variables that put the service on this engine.
    func environment(_ testName: String) throws -> [String: String] {
        switch self {
        case .sqlite: [:]
        case .postgres: ["SOTAY_LEARNING_DATABASE": try SharedPostgres.freshDatabase(testName),
                         "SOTAY_LEARNING_DATABASE_CONNECTIONS": "2"]
        }
    }
}

/// The learning service started in-process against a real org holding the small
/// tree, with the test clock; and the steps most tests share (a bank, a quiz).
struct LearningHarness {
    let environment: TestEnvironment
    let learning: LearningServiceClient
    let tree: OrgFixture.SmallTree
    let service: ServiceUnderTest

    static func run<T>(_ name: String, on engine: LearningEngine, _ body: (LearningHarness) async throws -> T)
        async throws -> T
    {
        let (template, tree) = try await OrgFixture.smallTree()
        let storage = try engine.environment(name)
        return try await withTestEnvironment(name, copying: template) { environment in
            let org = try await environment.start(OrgServiceDefinition.definition)
            let service = try await environment.start(LearningServiceDefinition.definition, peers: [org], extra: storage)
            let harness = LearningHarness(environment: environment, learning: LearningServiceClient(channel: service.channel),
                                          tree: tree, service: service, storage: storage, org: org)
            return try await body(harness)
        }
    }

    let storage: [String: String]
    let org: ServiceUnderTest

    /// Another replica of the service on the same storage (on PostgreSQL, the same
    /// database), with a client of its own.
    func replica() async throws -> LearningServiceClient {
        let service = try await environment.start(LearningServiceDefinition.definition, peers: [org], extra: storage)
        return LearningServiceClient(channel: service.channel)
    }

    var clock: TestClock { environment.clock }

    /// Committee staff of the province.
    var staff: CallOptions {
        get throws { try environment.tokens.options("m_staff1", [TestTokens.grant(.committeeStaff, tree.province)]) }
    }

    func member(_ name: String) throws -> CallOptions {
        try tree.options(for: tree.member(name), tokens: environment.tokens)
    }

    /// A cell secretary's proxy token for `name` (who has no phone), as auth issues it.
    func proxy(for name: String, secretary: String = "m_secretary1") throws -> CallOptions {
        let person = tree.member(name)
        return try environment.tokens.options(environment.tokens.claims(
            person.memberID, grants: [TestTokens.grant(.member, person.unitID)], unitID: person.unitID,
            ancestors: tree.ancestors[person.unitID] ?? [], proxyFor: secretary))
    }

    /// A category of the province holding `count` single-choice questions whose right
    /// answer is the first choice.
    func category(_ name: String, questions count: Int) async throws -> (id: String, questionIDs: [String]) {
        var create = CreateCategoryRequest()
        create.unitID = tree.province
        create.name = name
        let category = try await learning.createCategory(create, options: try staff)
        var csv = "kind,question,choices,correct,explanation\n"
        for index in 1...count {
            csv += "single,\"\(name) câu \(index), đúng là A?\",A|B|C|D,1,Vì A đúng\n"
        }
        var request = ImportQuestionsRequest()
        request.categoryID = category.id
        request.csv = csv
        return (category.id, try await learning.importQuestions(request, options: try staff).questionIDs)
    }

    /// A quiz for the whole province, open from now for a week.
    func quiz(_ draws: [(String, Int)], configure: (inout Quiz) -> Void = { _ in }) async throws -> Quiz {
        var quiz = Quiz()
        quiz.title = "Kiểm tra Nghị quyết"
        quiz.targetUnitID = tree.province
        quiz.draws = draws.map { categoryID, count in
            var draw = QuizDraw()
            draw.categoryID = categoryID
            draw.count = Int32(count)
            return draw
        }
        quiz.grading = .gradeHighest
        quiz.lateSubmit = .lateGradeSavedAnswers
        quiz.passPercent = 50
        quiz.opensAtMS = clock.now - 1_000
        quiz.closesAtMS = clock.now + 7 * 86_400_000
        configure(&quiz)
        var request = CreateQuizRequest()
        request.quiz = quiz
        return try await learning.createQuiz(request, options: try staff)
    }

    func start(_ quizID: String, as options: CallOptions) async throws -> Attempt {
        var request = StartAttemptRequest()
        request.quizID = quizID
        return try await learning.startAttempt(request, options: options)
    }

    /// Answers every question of the attempt, right for the first `right` of them
    /// (choice 0 is right in the harness's banks), then submits.
    func answerAndSubmit(_ attempt: Attempt, right: Int, as options: CallOptions) async throws -> AttemptResult {
        for (index, question) in attempt.questions.enumerated() {
            try await save(attempt, question, choices: [index < right ? 0 : 1], as: options)
        }
        return try await submit(attempt.id, as: options)
    }

    func save(_ attempt: Attempt, _ question: AttemptQuestion, choices: [Int32], as options: CallOptions,
              on replica: LearningServiceClient? = nil) async throws {
        var request = SaveAnswerRequest()
        request.attemptID = attempt.id
        request.questionID = question.questionID
        request.choiceIDs = choices
        _ = try await (replica ?? learning).saveAnswer(request, options: options)
    }

    func submit(_ attemptID: String, as options: CallOptions, on replica: LearningServiceClient? = nil) async throws
        -> AttemptResult
    {
        var request = SubmitAttemptRequest()
        request.attemptID = attemptID
        return try await (replica ?? learning).submitAttempt(request, options: options)
    }
}
