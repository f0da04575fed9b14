import LearningContracts
import RPC

/// The province's committee staff prepare the study of a resolution in the learning
/// service: a question bank, a study program with the resolution as its material, and
/// the program's quiz for the whole province.
enum StudyDesk {
    /// Each question of the bank with the text of its right choice, which is how a
    /// member who studied answers (choices come shuffled, their ids stable).
    static let rightChoices = [
        "Chi bộ thôn, bản sinh hoạt thường kỳ bao lâu một lần?": "Mỗi tháng một lần",
        "Ai điểm danh thay đảng viên không dùng điện thoại?": "Bí thư chi bộ",
        "Sau mỗi đợt học nghị quyết, đảng viên làm gì?": "Làm bài kiểm tra",
    ]

    static let bank = """
        kind,question,choices,correct,explanation
        single,"Chi bộ thôn, bản sinh hoạt thường kỳ bao lâu một lần?",Mỗi tuần một lần|Mỗi tháng một lần|Mỗi quý một lần,2,Mục I.1.
        single,Ai điểm danh thay đảng viên không dùng điện thoại?,Trưởng thôn|Bí thư chi bộ|Chính đảng viên đó,2,Mục II.2.
        single,"Sau mỗi đợt học nghị quyết, đảng viên làm gì?",Viết thu hoạch tay|Làm bài kiểm tra|Không làm gì,2,Mục I.2.
        """

    struct Prepared {
        let programID: String
        let quizID: String
    }

    static func prepare(for resolutionID: String, in cell: JourneyCell, suite: RunningSuite) async throws -> Prepared {
        let staff = try cell.provinceStaff
        var category = CreateCategoryRequest()
        (category.unitID, category.name) = (cell.provinceID, "Nghị quyết 12-NQ/TU")
        // Learning follows org's tree: the province may not be there for a moment yet.
        let categoryID = try await retrying { try await suite.learning.createCategory(category, options: staff).id }
        var questions = ImportQuestionsRequest()
        (questions.categoryID, questions.csv) = (categoryID, bank)
        _ = try await suite.learning.importQuestions(questions, options: staff)
        let now = JourneyClock.nowMs
        var program = CreateProgramRequest()
        (program.resolutionTitle, program.materialIDs, program.targetUnitID, program.required) =
            ("Học tập Nghị quyết 12-NQ/TU", [resolutionID], cell.provinceID, true)
        (program.opensAtMS, program.closesAtMS) = (now - 60_000, now + 14 * JourneyClock.dayMs)
        let programID = try await suite.learning.createProgram(program, options: staff).id
        var draw = QuizDraw()
        (draw.categoryID, draw.count) = (categoryID, Int32(rightChoices.count))
        var quiz = Quiz()
        (quiz.title, quiz.targetUnitID, quiz.programID, quiz.draws) =
            ("Kiểm tra Nghị quyết 12-NQ/TU", cell.provinceID, programID, [draw])
        (quiz.timeLimitSeconds, quiz.graceSeconds, quiz.maxAttempts, quiz.grading, quiz.passPercent) =
            (600, 60, 2, .gradeHighest, 60)
        (quiz.opensAtMS, quiz.closesAtMS, quiz.lateSubmit) = (now - 60_000, now + 14 * JourneyClock.dayMs, .lateGradeSavedAnswers)
        var create = CreateQuizRequest()
        create.quiz = quiz
        return Prepared(programID: programID, quizID: try await suite.learning.createQuiz(create, options: staff).id)
    }

    /// Starts an attempt as `taker` (the member, or her secretary with a proxy token),
    /// answers every question with its right choice and submits.
    static func takeQuiz(_ quizID: String, as taker: CallOptions, suite: RunningSuite) async throws
        -> (attempt: Attempt, result: AttemptResult) {
        var start = StartAttemptRequest()
        start.quizID = quizID
        let attempt = try await suite.learning.startAttempt(start, options: taker)
        for question in attempt.questions {
            guard let right = rightChoices[question.text],
                  let choice = question.choices.first(where: { $0.text == right }) else {
                throw SystemTestError("the attempt shows a question or choices not in the bank: \(question.text)")
            }
            var answer = SaveAnswerRequest()
            (answer.attemptID, answer.questionID, answer.choiceIDs) = (attempt.id, question.questionID, [choice.choiceID])
            _ = try await suite.learning.saveAnswer(answer, options: taker)
        }
        var submit = SubmitAttemptRequest()
        submit.attemptID = attempt.id
        return (attempt, try await suite.learning.submitAttempt(submit, options: taker))
    }
}
