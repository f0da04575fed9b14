import LearningContracts
import RPC
import ServiceToolkit

extension LearningHandlers {
    func createCategory(_ request: CreateCategoryRequest, context: CallContext) async throws -> Category {
        let name = try TextInput.name(request.name, field: "name")
        let access = try require(Self.managers, on: request.unitID, field: "unit_id", context: context,
                                 to: "keep a question bank for this unit")
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateCategory", request: request, nowMs: now)
            if let first = try call?.recorded(Category.self, in: connection) { return first }
            let row = QuestionBank.CategoryRow(id: RecordID.make("cat", nowMs: now), unitID: request.unitID, name: name)
            try QuestionBank(connection: connection).insertCategory(row, nowMs: now)
            try call?.remember(row.category, in: connection)
            return row.category
        }
    }

    /// All or nothing: the file is checked whole before anything is written.
    func importQuestions(_ request: ImportQuestionsRequest, context: CallContext) async throws
        -> ImportQuestionsResponse
    {
        let access = try CallerAccess(context)
        let categoryID = try RecordID.checked(request.categoryID, prefix: "cat", field: "category_id")
        let questions = try QuestionCSV.parse(request.csv)
        _ = try await managedCategory(categoryID, access: access)
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "ImportQuestions", request: request, nowMs: now)
            if let first = try call?.recorded(ImportQuestionsResponse.self, in: connection) { return first }
            let bank = QuestionBank(connection: connection)
            var response = ImportQuestionsResponse()
            for content in questions {
                let id = RecordID.make("q", nowMs: now)
                try bank.insertQuestion(id: id, categoryID: categoryID, content: content, nowMs: now)
                response.questionIDs.append(id)
            }
            try call?.remember(response, in: connection)
            return response
        }
    }

    /// A new version; attempts already given the old one keep it and are graded on it.
    func reviseQuestion(_ request: ReviseQuestionRequest, context: CallContext) async throws -> Question {
        let access = try CallerAccess(context)
        let id = try RecordID.checked(request.questionID, prefix: "q", field: "question_id")
        let current = try await managedQuestion(id, access: access)
        let content = try QuestionContent.checked(
            kind: current.kind, text: request.text, choices: request.choices,
            correct: request.correctChoices.map(Int.init), explanation: request.explanation)
        return try await write { connection, now in
            let bank = QuestionBank(connection: connection)
            try bank.revise(id, to: content, nowMs: now)
            guard let revised = try bank.question(id) else { throw Self.notFound("question", field: "question_id") }
            return revised.question
        }
    }

    func retireQuestion(_ request: RetireQuestionRequest, context: CallContext) async throws -> Question {
        let access = try CallerAccess(context)
        let id = try RecordID.checked(request.questionID, prefix: "q", field: "question_id")
        _ = try await managedQuestion(id, access: access)
        return try await write { connection, now in
            let bank = QuestionBank(connection: connection)
            try bank.retire(id, nowMs: now)
            guard let retired = try bank.question(id) else { throw Self.notFound("question", field: "question_id") }
            return retired.question
        }
    }

    /// The category when the caller manages its unit; NOT_FOUND otherwise.
    func managedCategory(_ id: String, access: CallerAccess, as what: String = "category",
                         field: String = "category_id") async throws -> QuestionBank.CategoryRow
    {
        let category = try await read { connection in try QuestionBank(connection: connection).category(id) }
        guard let category, manages(access, unitID: category.unitID) else {
            throw Self.notFound(what, field: field)
        }
        return category
    }

    private func managedQuestion(_ id: String, access: CallerAccess) async throws -> Question {
        let found = try await read { connection in try QuestionBank(connection: connection).question(id) }
        guard let found else { throw Self.notFound("question", field: "question_id") }
        _ = try await managedCategory(found.category, access: access, as: "question", field: "question_id")
        return found.question
    }
}
