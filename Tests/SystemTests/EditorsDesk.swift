import ContentContracts
import RPC

/// The province's editors put a resolution in the library: one writes the draft and
/// sends it for review, another publishes it (nobody publishes their own draft).
enum EditorsDesk {
    /// The resolution's text, split by the assistant at its own headings.
    static let resolutionBody = """
        I. MỤC TIÊU
        1. Đến năm 2030, mọi chi bộ thôn, bản sinh hoạt thường kỳ mỗi tháng một lần, đúng ngày đã định.
        2. Mỗi đảng viên học tập nghị quyết trên ứng dụng Sổ tay đảng viên và làm bài kiểm tra sau mỗi đợt học.
        II. NHIỆM VỤ VÀ GIẢI PHÁP
        1. Cấp ủy chi bộ chuẩn bị nội dung sinh hoạt chuyên đề về chuyển đổi số ở thôn, bản.
        2. Đảng viên cao tuổi không dùng điện thoại được bí thư chi bộ điểm danh và ghi ý kiến thay.
        """

    static func publishResolution(in cell: JourneyCell, suite: RunningSuite) async throws -> Item {
        var content = ItemContent()
        (content.title, content.number, content.issuer, content.issueDate, content.classification, content.body) =
            ("Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ thôn, bản", "12-NQ/TU", "Tỉnh ủy Yên Bái", "2026-11-20",
             .public, resolutionBody)
        var draft = CreateDraftRequest()
        (draft.unitID, draft.kind, draft.content, draft.idempotencyKey) = (cell.provinceID, .resolution, content, "nq-12")
        let writer = try cell.provinceEditor("m_editor_lan")
        // Content follows org's tree: the province may not be there for a moment yet.
        let item = try await retrying(unitNotKnownYet) { try await suite.content.createDraft(draft, options: writer) }
        var step = WorkflowRequest()
        step.itemID = item.id
        _ = try await suite.content.submitForReview(step, options: writer)
        return try await suite.content.publish(step, options: try cell.provinceEditor("m_editor_minh"))
    }
}
