import ContentContracts
import ServiceTestSupport
import Testing

/// The assistant answers with passages of documents the member may see, each cited by
/// document number, title and the article it sits in; or honestly with nothing.
@Suite struct AssistantTests {
    static let statute = """
        Chương I
        ĐẢNG VIÊN
        Điều 1. Đảng viên Đảng Cộng sản Việt Nam là chiến sĩ cách mạng trong đội tiên phong của giai cấp công nhân.
        Điều 2. Nhiệm vụ của đảng viên
        1. Tuyệt đối trung thành với mục đích lý tưởng cách mạng của Đảng.
        2. Không ngừng học tập, rèn luyện, nâng cao trình độ kiến thức, năng lực công tác.
        Điều 3. Quyền của đảng viên
        1. Được thông tin và thảo luận các vấn đề về Cương lĩnh chính trị, Điều lệ Đảng.
        2. Ứng cử, đề cử và bầu cử cơ quan lãnh đạo các cấp của Đảng.
        Điều 5. Thời kỳ dự bị
        1. Người được kết nạp vào Đảng phải trải qua thời kỳ dự bị mười hai tháng, tính từ ngày chi bộ tổ chức lễ kết nạp.
        2. Đảng viên dự bị có các nhiệm vụ và quyền như đảng viên chính thức, trừ quyền biểu quyết, ứng cử và bầu cử cơ quan lãnh đạo của Đảng.
        Chương II
        NGUYÊN TẮC TỔ CHỨC
        Điều 9. Đảng tổ chức theo nguyên tắc tập trung dân chủ.
        a) Cơ quan lãnh đạo các cấp của Đảng do bầu cử lập ra.
        b) Đại hội đại biểu toàn quốc là cơ quan lãnh đạo cao nhất của Đảng.
        """

    @Test func anAnswerCitesTheArticleItSitsIn() async throws {
        try await withContent("assistant") { world in
            let statute = try await world.published(
                .regulation, in: world.tree.province,
                document("Điều lệ Đảng", number: "ĐL/TW", issuer: "Đại hội đại biểu toàn quốc", body: Self.statute))
            let lan = try world.member("Lan")
            let answer = try await world.content.ask(world.ask("đảng viên dự bị có được biểu quyết không?"), options: lan)
            #expect(answer.answered)
            let best = try #require(answer.passages.first)
            #expect(best.itemID == statute.id)
            #expect(best.number == "ĐL/TW")
            #expect(best.title == "Điều lệ Đảng")
            #expect(best.section.contains("Điều 5. Thời kỳ dự bị"))
            #expect(best.section.hasPrefix("Chương I"))
            #expect(best.text.contains("trừ quyền biểu quyết"))

            let unaccented = try await world.content.ask(world.ask("thoi ky du bi bao nhieu thang"), options: lan)
            #expect(unaccented.passages.first?.text.contains("mười hai tháng") == true)

            let lettered = try await world.content.ask(world.ask("cơ quan lãnh đạo cao nhất của Đảng là gì"), options: lan)
            #expect(lettered.passages.first?.section.hasSuffix("b) Đại hội đại biểu toàn quốc là cơ quan lãnh đạo cao nhất của Đảng.")
                == true)
        }
    }

    @Test func aQuestionNothingAnswersGetsAnHonestNoAnswer() async throws {
        try await withContent("assistant-none") { world in
            _ = try await world.published(.regulation, in: world.tree.province, document("Điều lệ Đảng", body: Self.statute))
            let lan = try world.member("Lan")
            let none = try await world.content.ask(world.ask("giá vé máy bay đi Hà Nội hôm nay?"), options: lan)
            #expect(!none.answered)
            #expect(none.passages.isEmpty)
            let onlyQuestionWords = try await world.content.ask(world.ask("có được không?"), options: lan)
            #expect(!onlyQuestionWords.answered)
        }
    }
}
