@testable import ContentService
import Testing

/// Documents split along their own structure, so that a citation names the right article.
@Suite struct PassageSplitterTests {
    @Test func partsArticlesNumberedAndLetteredItemsEachStartAPassage() {
        let passages = PassageSplitter.split("""
            **Phần thứ nhất**
            **I. SỰ CẦN THIẾT**
            Mở đầu của mục I.
            1. Khoản một.
            a) Điểm a của khoản một.
            2. Khoản hai.
            ## II. MỤC TIÊU
            Điều 5. Đảng viên dự bị
            Nội dung điều 5.
            """)
        #expect(passages.map(\.section) == [
            "Phần thứ nhất",
            "Phần thứ nhất › I. SỰ CẦN THIẾT",
            "Phần thứ nhất › I. SỰ CẦN THIẾT › 1. Khoản một.",
            "Phần thứ nhất › I. SỰ CẦN THIẾT › 1. Khoản một. › a) Điểm a của khoản một.",
            "Phần thứ nhất › I. SỰ CẦN THIẾT › 2. Khoản hai.",
            "Phần thứ nhất › II. MỤC TIÊU",
            "Phần thứ nhất › II. MỤC TIÊU › Điều 5. Đảng viên dự bị",
        ])
        #expect(passages[1].text == "I. SỰ CẦN THIẾT\nMở đầu của mục I.")
        #expect(passages.last?.text == "Điều 5. Đảng viên dự bị\nNội dung điều 5.")
    }

    @Test func aLineThatOnlyLooksLikeAHeadingStaysText() {
        let passages = PassageSplitter.split("Điều kiện kết nạp.\nNăm 2025. Tăng trưởng.\nVI là viết tắt.")
        #expect(passages.count == 1)
        #expect(passages[0].section == "")
    }
}
