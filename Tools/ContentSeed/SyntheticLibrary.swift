import ContentContracts
import Foundation
import OrgSeed

/// Synthetic documents and news with realistic Vietnamese titles, numbers as issued
/// ("21-NQ/TU", "35-HD/BTCTU"), issuers and article structure, of realistic lengths
/// (a plan runs to a few thousand words), the same for the same seed: for `sotay up`'s
/// first start and for bench-content's 100,000 documents.
public enum SyntheticLibrary {
    struct Issuer {
        let name: String
        let code: String
    }

    static let issuers = [
        Issuer(name: "Tỉnh ủy Yên Bái", code: "TU"), Issuer(name: "Ban Thường vụ Tỉnh ủy", code: "TU"),
        Issuer(name: "Ban Tổ chức Tỉnh ủy", code: "BTCTU"), Issuer(name: "Ban Tuyên giáo Tỉnh ủy", code: "BTGTU"),
        Issuer(name: "Ủy ban Kiểm tra Tỉnh ủy", code: "UBKTTU"), Issuer(name: "Văn phòng Tỉnh ủy", code: "VPTU"),
        Issuer(name: "Ban Chấp hành Trung ương", code: "TW"), Issuer(name: "Ban Bí thư", code: "TW"),
        Issuer(name: "Bộ Chính trị", code: "TW"), Issuer(name: "Ban Tổ chức Trung ương", code: "BTCTW"),
    ]

    /// Kind, its word in titles and its letters in numbers.
    static let kinds: [(kind: ItemKind, word: String, code: String)] = [
        (.resolution, "Nghị quyết", "NQ"), (.directive, "Chỉ thị", "CT"), (.regulation, "Quy định", "QĐ"),
        (.conclusion, "Kết luận", "KL"), (.guidance, "Hướng dẫn", "HD"), (.plan, "Kế hoạch", "KH"),
        (.report, "Báo cáo", "BC"),
    ]

    static let topics = [
        "đẩy mạnh chuyển đổi số trong các cơ quan đảng", "nâng cao chất lượng sinh hoạt chi bộ",
        "tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "công tác phát triển đảng viên",
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "phòng, chống tham nhũng, lãng phí, tiêu cực", "công tác kiểm tra, giám sát và thi hành kỷ luật đảng",
        "xây dựng nông thôn mới gắn với đô thị văn minh", "bảo vệ nền tảng tư tưởng của Đảng",
        "đổi mới công tác dân vận của hệ thống chính trị", "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số",
        "công tác cán bộ và quy hoạch cán bộ", "sắp xếp tổ chức bộ máy tinh gọn, hoạt động hiệu lực, hiệu quả",
        "phát triển nông nghiệp hàng hóa tập trung", "giảm nghèo bền vững", "bảo vệ môi trường và ứng phó biến đổi khí hậu",
        "phát triển du lịch cộng đồng", "nâng cao chất lượng giáo dục và đào tạo", "củng cố quốc phòng, an ninh",
        "thực hiện quy chế dân chủ ở cơ sở",
    ]

    static let places = ["Yên Bình", "Lục Yên", "Văn Yên", "Trấn Yên", "Văn Chấn", "Trạm Tấu", "Mù Cang Chải",
                         "Nghĩa Lộ", "Khe Hóp", "Bản Mù", "Tú Lệ", "Nậm Búng"]

    static let sentences = [
        "Các cấp ủy, tổ chức đảng quán triệt sâu sắc mục tiêu, nhiệm vụ và giải pháp đề ra, cụ thể hóa bằng chương trình hành động phù hợp với thực tiễn của địa phương, đơn vị.",
        "Người đứng đầu cấp ủy trực tiếp lãnh đạo, chỉ đạo, chịu trách nhiệm về kết quả thực hiện trong phạm vi được giao.",
        "Tăng cường kiểm tra, giám sát việc thực hiện; kịp thời biểu dương các tập thể, cá nhân có cách làm hay, mô hình mới.",
        "Đội ngũ cán bộ, đảng viên phát huy tinh thần trách nhiệm, nêu gương trong học tập, công tác và sinh hoạt.",
        "Đẩy mạnh ứng dụng công nghệ thông tin trong quản lý đảng viên, văn bản và sinh hoạt chi bộ.",
        "Định kỳ sáu tháng, một năm sơ kết, đánh giá kết quả, báo cáo Ban Thường vụ Tỉnh ủy.",
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tuyên truyền, vận động đoàn viên, hội viên và nhân dân tích cực tham gia.",
        "Bố trí nguồn lực hợp lý, ưu tiên cho vùng sâu, vùng xa, vùng đồng bào dân tộc thiểu số.",
        "Những hạn chế, khuyết điểm được chỉ rõ nguyên nhân, trách nhiệm và có giải pháp khắc phục cụ thể.",
        "Chi bộ thảo luận dân chủ, thống nhất phân công đảng viên phụ trách từng phần việc và thời hạn hoàn thành.",
        "Kết quả thực hiện là tiêu chí đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên hằng năm.",
        "Phấn đấu đến năm 2025 có trên 90% chi bộ đạt chất lượng sinh hoạt tốt và khá.",
    ]

    /// `count` items owned at the tree levels 0…`maxLevel`; mostly documents, a fifth news and events.
    public static func generate(count: Int, seed: UInt64 = 1, maxLevel: Int = 2) -> [SeedDocument] {
        var random = SeedRandom(seed: seed)
        return (0..<count).map { index in make(index, maxLevel: maxLevel, random: &random) }
    }

    static func make(_ index: Int, maxLevel: Int, random: inout SeedRandom) -> SeedDocument {
        let level = random.chance(0.5) ? 0 : random.int(in: 0...maxLevel)
        let topic = random.pick(topics)
        let year = random.int(in: 2015...2025)
        let date = String(format: "%04d-%02d-%02d", year, random.int(in: 1...12), random.int(in: 1...28))
        var content = ItemContent()
        content.classification = .public
        content.issueDate = date
        if random.chance(0.2) {
            let place = random.pick(places)
            let event = random.chance(0.5)
            content.title = event ? "Hội nghị chuyên đề về \(topic) tại \(place)" : "\(place): kết quả bước đầu về \(topic)"
            content.body = paragraphs(random.int(in: 3...8), random: &random)
            return SeedDocument(kind: event ? .event : .news, content: content, level: level)
        }
        let kind = random.pick(kinds)
        let issuer = random.pick(issuers)
        content.title = "\(kind.word) về \(topic)" + (random.chance(0.5) ? ", giai đoạn \(year)-\(year + 5)" : "")
        content.number = "\(index % 900 + 1)-\(kind.code)/\(issuer.code)"
        content.issuer = issuer.name
        content.effectiveDate = date
        content.documentStatus = .inForce
        content.body = kind.kind == .regulation ? articles(random.int(in: 5...25), topic: topic, random: &random)
            : sections(random.int(in: 2...5), topic: topic, random: &random)
        return SeedDocument(kind: kind.kind, content: content, level: level)
    }

    static func paragraphs(_ count: Int, random: inout SeedRandom) -> String {
        (0..<count).map { _ in (0..<random.int(in: 2...4)).map { _ in random.pick(sentences) }.joined(separator: " ") }
            .joined(separator: "\n")
    }

    /// "Điều 1. …" with numbered clauses.
    static func articles(_ count: Int, topic: String, random: inout SeedRandom) -> String {
        (1...count).map { number in
            let clauses = (1...random.int(in: 1...4)).map { clause in "\(clause). \(random.pick(sentences))" }
            return (["Điều \(number). Về \(random.pick(topics))"] + clauses).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// "I. …" parts with numbered sections and lettered items.
    static func sections(_ count: Int, topic: String, random: inout SeedRandom) -> String {
        let roman = ["I", "II", "III", "IV", "V"]
        let headings = ["MỤC ĐÍCH, YÊU CẦU", "TÌNH HÌNH VÀ KẾT QUẢ", "NHIỆM VỤ VÀ GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN",
                        "KIẾN NGHỊ, ĐỀ XUẤT"]
        return (0..<count).map { part in
            var lines = ["\(roman[part]). \(headings[part])", random.pick(sentences) + " Về \(topic)."]
            for section in 1...random.int(in: 2...5) {
                lines.append("\(section). \(random.pick(sentences)) \(random.pick(sentences))")
                if random.chance(0.3) {
                    lines += ["a", "b", "c"].map { "\($0)) \(random.pick(sentences))" }
                }
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}
