import Foundation
import LearningContracts
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// What `sotay up` adds for the learning service on its first start, once the org
/// tree is there: a question bank, a study program and a quiz for the whole province,
/// so `sotay app quiz start` has something to take. The ids go to
/// `<data>/learning/demo.txt`, whose presence marks the seed as done.
enum LearningFirstStart {
    static let questions = """
        kind,question,choices,correct,explanation
        single,Đại hội đại biểu toàn quốc lần thứ XIII của Đảng họp năm nào?,2016|2021|2026,2,Đại hội XIII họp từ 25/01 đến 01/02/2021.
        single,Chi bộ sinh hoạt thường kỳ bao lâu một lần?,Mỗi tuần|Mỗi tháng|Mỗi quý,2,Điều lệ Đảng: chi bộ sinh hoạt thường kỳ mỗi tháng một lần.
        true_false,Đảng viên dự bị có quyền biểu quyết.,,2,Đảng viên dự bị không có quyền biểu quyết.
        multiple,Những nguyên tắc nào là nguyên tắc tổ chức và hoạt động của Đảng?,Tập trung dân chủ|Tự phê bình và phê bình|Tùy nghi,1|2,Tập trung dân chủ; tự phê bình và phê bình là nguyên tắc của Đảng.
        single,Thời hạn dự bị của đảng viên mới là bao lâu?,6 tháng|12 tháng|24 tháng,2,Điều lệ Đảng quy định thời hạn dự bị là 12 tháng.
        true_false,Đảng viên phải đóng đảng phí theo quy định.,,1,Đóng đảng phí là nhiệm vụ của đảng viên.
        single,Cơ quan lãnh đạo cao nhất của Đảng là gì?,Đại hội đại biểu toàn quốc|Bộ Chính trị|Ban Bí thư,1,Đại hội đại biểu toàn quốc là cơ quan lãnh đạo cao nhất.
        single,"Nhiệm kỳ của đại hội chi bộ cơ sở là mấy năm?",2 năm rưỡi|5 năm|3 năm,2,Đại hội đảng bộ cơ sở họp 5 năm hai lần; chi bộ 5 năm hai lần hoặc một lần.
        """

    static func seedIfNew(services: [ServiceName], dataFolder: URL, tokenKeyFile: URL, environment: [String: String]) async {
        guard services.contains(.learning), services.contains(.org) else { return }
        let marker = dataFolder.appendingPathComponent("learning/demo.txt")
        guard !FileManager.default.fileExists(atPath: marker.path) else { return }
        var variables = environment
        variables[ServiceName.org.addressVariable] = "127.0.0.1:\(ServiceName.org.defaultPort)"
        variables[ServiceName.learning.addressVariable] = "127.0.0.1:\(ServiceName.learning.defaultPort)"
        variables["SOTAY_TOKEN_KEY_FILE"] = tokenKeyFile.path
        let operatorEnvironment = OperatorEnvironment(variables: variables)
        do {
            let text = try await seed(operatorEnvironment)
            try text.write(to: marker, atomically: true, encoding: .utf8)
            print("first start: a study program and a quiz for the province (ids in \(marker.path)):\n\(text)", terminator: "")
        } catch {
            print("first start: could not seed the learning demo: \(error)")
        }
    }

    static func seed(_ environment: OperatorEnvironment) async throws -> String {
        let orgChannel = try environment.channel(to: .org)
        let learningChannel = try environment.channel(to: .learning)
        defer {
            orgChannel.close()
            learningChannel.close()
        }
        let keyRing = try TokenKeyRing(contentsOfFile: environment.tokenKeyFile)
        let operatorCall = CallOptions(metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
        let root = try await rootUnit(OrgServiceClient(channel: orgChannel), call: operatorCall)
        // Whoever holds the key file runs the servers: the seed acts as committee staff of the root.
        var claims = AccessTokenClaims.forRole(.committeeStaff, callerID: "sotay-seed", nowMs: WallClock.system.nowMs,
                                               lifetimeMs: OperatorToken.lifetimeMs)
        claims.grants[0].unitID = root
        let staff = CallOptions(metadata: [MetadataKey.authorization: "Bearer "
                                           + (try AccessTokenCodec(keyRing: keyRing).sign(claims))])
        let learning = LearningServiceClient(channel: learningChannel)
        let now = WallClock.system.nowMs
        var category = CreateCategoryRequest()
        category.unitID = root
        category.name = "Điều lệ Đảng và Nghị quyết Đại hội XIII"
        // The learning service's tree replica may still be catching up with the seeded units.
        let categoryID = try await retryingWhileDenied { try await learning.createCategory(category, options: staff).id }
        var bank = ImportQuestionsRequest()
        bank.categoryID = categoryID
        bank.csv = questions
        _ = try await learning.importQuestions(bank, options: staff)
        var program = CreateProgramRequest()
        program.resolutionTitle = "Học tập, quán triệt Nghị quyết Đại hội XIII của Đảng"
        program.materialIDs = ["doc_nq13_baocao_chinhtri", "doc_dieule_dang"]
        program.targetUnitID = root
        program.opensAtMS = now - 60_000
        program.closesAtMS = now + 30 * 86_400_000
        program.required = true
        let programID = try await learning.createProgram(program, options: staff).id
        var quiz = Quiz()
        quiz.title = "Kiểm tra hiểu biết Nghị quyết Đại hội XIII"
        quiz.targetUnitID = root
        quiz.programID = programID
        var draw = QuizDraw()
        draw.categoryID = categoryID
        draw.count = 5
        quiz.draws = [draw]
        quiz.timeLimitSeconds = 900
        quiz.graceSeconds = 60
        quiz.maxAttempts = 3
        quiz.grading = .gradeHighest
        quiz.passPercent = 60
        quiz.opensAtMS = now - 60_000
        quiz.closesAtMS = now + 30 * 86_400_000
        quiz.lateSubmit = .lateGradeSavedAnswers
        var createQuiz = CreateQuizRequest()
        createQuiz.quiz = quiz
        let quizID = try await learning.createQuiz(createQuiz, options: staff).id
        return "program=\(programID)\nquiz=\(quizID)\ncategory=\(categoryID)\n"
    }

    /// The root: the first ancestor of any unit of the snapshot, or that unit itself.
    private static func rootUnit(_ org: OrgServiceClient, call: CallOptions) async throws -> String {
        var snapshot = GetTreeSnapshotRequest()
        snapshot.pageSize = 1
        guard let any = try await org.getTreeSnapshot(snapshot, options: call).units.first else {
            throw CLIError(description: "the org tree is empty")
        }
        var request = GetAncestorsRequest()
        request.unitID = any.id
        return try await org.getAncestors(request, options: call).units.first?.id ?? any.id
    }

    private static func retryingWhileDenied<T>(_ body: () async throws -> T) async throws -> T {
        for _ in 0..<30 {
            do {
                return try await body()
            } catch let error as RPCError where error.code == .permissionDenied {
                try await Task.sleep(for: .seconds(1))
            }
        }
        return try await body()
    }
}
