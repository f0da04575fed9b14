import LearningContracts
@testable import LearningService
import RPC
import ServiceTestSupport
import Testing
import TestSupport

@Suite struct QuestionBankTests {
    @Test(arguments: LearningEngine.allCases) func aCleanFileImportsEveryKindOfQuestion(on engine: LearningEngine) async throws {
        try await LearningHarness.run("bank-clean", on: engine) { harness in
            var create = CreateCategoryRequest()
            create.unitID = harness.tree.province
            create.name = "Nghị quyết 01"
            let category = try await harness.learning.createCategory(create, options: try harness.staff)
            var request = ImportQuestionsRequest()
            request.categoryID = category.id
            request.csv = """
                kind,question,choices,correct,explanation
                single,"Đại hội lần thứ mấy, năm 2020?",XII|XIII|XIV,2,Đại hội XIII họp năm 2021
                multiple,Chọn các nguyên tắc,Tập trung dân chủ|Tự phê bình|Tùy ý,1|2,Hai nguyên tắc đầu
                true_false,Chi bộ họp mỗi tháng một lần,,1,Điều lệ quy định

                """
            let imported = try await harness.learning.importQuestions(request, options: try harness.staff)
            #expect(imported.questionIDs.count == 3)
        }
    }

    @Test(arguments: LearningEngine.allCases) func aFileWithBadLinesNamesEachLineAndImportsNothing(on engine: LearningEngine) async throws {
        try await LearningHarness.run("bank-bad", on: engine) { harness in
            let (categoryID, _) = try await harness.category("A", questions: 1)
            var request = ImportQuestionsRequest()
            request.categoryID = categoryID
            request.csv = """
                kind,question,choices,correct,explanation
                single,Câu tốt,A|B,1,
                single,Câu sai đáp án,A|B,3,
                essay,Câu sai loại,A|B,1,
                multiple,"Câu thiếu cột",A|B
                """
            do {
                _ = try await harness.learning.importQuestions(request, options: try harness.staff)
                Issue.record("a file with bad lines was imported")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument)
                let lines = error.fieldViolations.map(\.description)
                #expect(lines.count == 3)
                #expect(lines[0].hasPrefix("line 3:"))
                #expect(lines[1].hasPrefix("line 4:"))
                #expect(lines[2].hasPrefix("line 5:"))
            }
            // Nothing from the good line either: a quiz drawing 2 from the category is refused.
            #expect(await refusedField { _ = try await harness.quiz([(categoryID, 2)]) } == "quiz.draws[0].count")
        }
    }

    @Test(arguments: LearningEngine.allCases) func anAttemptKeepsTheVersionItWasGiven(on engine: LearningEngine) async throws {
        try await LearningHarness.run("bank-version", on: engine) { harness in
            let (categoryID, questionIDs) = try await harness.category("A", questions: 1)
            let quiz = try await harness.quiz([(categoryID, 1)])
            let attempt = try await harness.start(quiz.id, as: try harness.member("Lan"))
            var revise = ReviseQuestionRequest()
            revise.questionID = questionIDs[0]
            revise.text = "Câu đã sửa: đúng là B?"
            revise.choices = ["A", "B", "C", "D"]
            revise.correctChoices = [1]
            revise.explanation = "Sửa lại"
            let revised = try await harness.learning.reviseQuestion(revise, options: try harness.staff)
            #expect(revised.version == 2)
            // Lan answers A, right in version 1 (which her attempt holds), wrong in version 2.
            let result = try await harness.answerAndSubmit(attempt, right: 1, as: try harness.member("Lan"))
            #expect(result.correctCount == 1)
            #expect(result.review[0].version == 1)
            let next = try await harness.start(quiz.id, as: try harness.member("Hung"))
            #expect(next.questions[0].version == 2)
            #expect(next.questions[0].text == "Câu đã sửa: đúng là B?")
        }
    }

    @Test(arguments: LearningEngine.allCases) func aRetiredQuestionIsDrawnNoMore(on engine: LearningEngine) async throws {
        try await LearningHarness.run("bank-retire", on: engine) { harness in
            let (categoryID, questionIDs) = try await harness.category("A", questions: 3)
            let quiz = try await harness.quiz([(categoryID, 2)])
            var retire = RetireQuestionRequest()
            retire.questionID = questionIDs[0]
            #expect(try await harness.learning.retireQuestion(retire, options: try harness.staff).retired)
            for name in ["Lan", "Hung", "Mai", "Tuan", "Dung"] {
                let attempt = try await harness.start(quiz.id, as: try harness.member(name))
                #expect(!attempt.questions.map(\.questionID).contains(questionIDs[0]))
            }
        }
    }

    @Test(arguments: LearningEngine.allCases) func aMemberMayNotKeepAQuestionBank(on engine: LearningEngine) async throws {
        try await LearningHarness.run("bank-rights", on: engine) { harness in
            var create = CreateCategoryRequest()
            create.unitID = harness.tree.province
            create.name = "Không được"
            #expect(await statusCode {
                _ = try await harness.learning.createCategory(create, options: try harness.member("Lan"))
            } == .permissionDenied)
            var unknown = create
            unknown.unitID = "u_01ARZ3NDEKTSV4RRFFQ69G5FAV"
            #expect(await statusCode {
                _ = try await harness.learning.createCategory(unknown, options: try harness.staff)
            } == .permissionDenied)
        }
    }
}

/// The question file's reader, without a service: quoting and line numbers.
@Suite struct QuestionFileTests {
    @Test func quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws {
        let records = try CSVRecords.split("a,\"b, \"\"c\"\"\nd\",e\r\n\nf,g,h\n")
        #expect(records.map(\.line) == [1, 4])
        #expect(records[0].fields == ["a", "b, \"c\"\nd", "e"])
        #expect(records[1].fields == ["f", "g", "h"])
    }

    @Test func anUnclosedQuoteNamesTheLineItStartsOn() {
        #expect(throws: CSVRecords.Malformed.self) { try CSVRecords.split("a,b\nc,\"d\ne\n") }
        do {
            _ = try CSVRecords.split("a,b\nc,\"d\ne\n")
        } catch {
            #expect(error.line == 2)
        }
    }
}
