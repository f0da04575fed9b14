import ContentContracts
import Foundation
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// Search as members type on a phone: without diacritics, numbers in any form, and
/// any characters at all without a syntax error.
@Suite struct SearchTests {
    /// Every Vietnamese vowel with every tone, and đ: 12 × 6 + 1 letters.
    static let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
    /// No tone, sắc, huyền, hỏi, ngã, nặng (combining marks, composed to NFC below).
    static let tones = ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"]

    static var letters: [(written: String, folded: String)] {
        var letters: [(String, String)] = [("đ", "d"), ("Đ", "d")]
        for vowel in vowels {
            let base = String(vowel.decomposedStringWithCanonicalMapping.unicodeScalars.first.map(Character.init) ?? "a")
            for tone in tones {
                let letter = (vowel + tone).precomposedStringWithCanonicalMapping
                letters.append((letter, base))
                letters.append((letter.uppercased(), base))
            }
        }
        return letters
    }

    @Test func aQueryWithoutDiacriticsFindsEveryVietnameseLetterAndOneWithThemStillWorks() async throws {
        try await withContent("search-folding") { world in
            let letters = Self.letters
            // One word per letter, told apart by its number: "x17ắ" is found by "x17a" only.
            let body = letters.enumerated().map { "x\($0.offset)\($0.element.written)" }.joined(separator: " ")
            let item = try await world.published(.news, in: world.tree.province, document("Bảng chữ cái", body: body))
            let lan = try world.member("Lan")
            for (index, letter) in letters.enumerated() {
                let plain = try await world.content.search(world.search("x\(index)\(letter.folded)"), options: lan)
                #expect(plain.hits.compactMap(\.item?.id) == [item.id], "x\(index)\(letter.folded) for \(letter.written)")
                let marked = try await world.content.search(world.search("x\(index)\(letter.written)"), options: lan)
                #expect(marked.hits.compactMap(\.item?.id) == [item.id], "x\(index)\(letter.written)")
            }
        }
    }

    @Test func titlesAndBodiesAreFoundWithoutDiacriticsWithAHighlightedSnippet() async throws {
        try await withContent("search-snippet") { world in
            let item = try await world.published(
                in: world.tree.province,
                document("Nghị quyết về xây dựng Đảng",
                         body: "Điều 1. Tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh."))
            let lan = try world.member("Lan")
            let hits = try await world.content.search(world.search("chinh don dang"), options: lan).hits
            #expect(hits.compactMap(\.item?.id) == [item.id])
            #expect(hits.first?.snippet.contains("«chỉnh»") == true)
            #expect(hits.first?.snippet.contains("«đốn»") == true)
            #expect(hits.first?.item?.content?.body == "")
        }
    }

    @Test func aDocumentNumberIsFoundAsTyped() async throws {
        try await withContent("search-numbers") { world in
            let wanted = try await world.published(
                in: world.tree.province, document("Nghị quyết về chuyển đổi số", number: "21-NQ/TW", issuer: "Ban Chấp hành Trung ương"))
            _ = try await world.published(
                .guidance, in: world.tree.province, document("Hướng dẫn nghiệp vụ", number: "35-HD/BTCTW", issuer: "Ban Tổ chức Trung ương"))
            let lan = try world.member("Lan")
            for typed in ["21-NQ/TW", "21 NQ TW", "21/NQ-TW", "21 nq tw", "21-nq"] {
                #expect(try await world.content.search(world.search(typed), options: lan).hits.compactMap(\.item?.id) == [wanted.id],
                        "\(typed)")
            }
        }
    }

    @Test func anyTextIsSafeAndOnlyATrulyInvalidQueryIsRefused() async throws {
        try await withContent("search-safe") { world in
            let item = try await world.published(in: world.tree.province, document("Nghị quyết về công tác cán bộ"))
            let lan = try world.member("Lan")
            for typed in ["nghị quyết\" OR *", "can bo NEAR(x)", "cong tac'; DROP TABLE items;--", "(can) AND {bo}:", "NOT can bo"] {
                let found = try await world.content.search(world.search(typed), options: lan).hits.compactMap(\.item?.id)
                #expect(found.allSatisfy { $0 == item.id }, "\(typed)")
            }
            #expect(try await world.content.search(world.search("cong tac can bo"), options: lan).hits.compactMap(\.item?.id) == [item.id])
            for refused in ["", "   ", "\"*():", String(repeating: "a ", count: 40), "nghị\u{0}quyết"] {
                #expect(await statusCode { _ = try await world.content.search(world.search(refused), options: lan) }
                    == .invalidArgument, "\(refused)")
            }
        }
    }

    @Test func searchIsFilteredByKindIssuerAndYearAndPaged() async throws {
        try await withContent("search-filters") { world in
            var ids: [String] = []
            for year in 2020...2024 {
                ids.append(try await world.published(
                    in: world.tree.province,
                    document("Nghị quyết chuyên đề năm \(year)", number: "\(year)-NQ/TU", issueDate: "\(year)-05-01")).id)
            }
            let news = try await world.published(.news, in: world.tree.province, document("Tin chuyên đề"))
            let lan = try world.member("Lan")
            var byYear = world.search("chuyen de")
            byYear.year = 2022
            #expect(try await world.content.search(byYear, options: lan).hits.compactMap(\.item?.id) == [ids[2]])
            var byKind = world.search("chuyen de")
            byKind.kind = .news
            #expect(try await world.content.search(byKind, options: lan).hits.compactMap(\.item?.id) == [news.id])
            var byIssuer = world.search("chuyen de")
            byIssuer.issuer = "tinh uy yen bai"
            #expect(try await world.content.search(byIssuer, options: lan).hits.count == 6)
            var paged = world.search("chuyen de")
            paged.pageSize = 4
            let first = try await world.content.search(paged, options: lan)
            paged.pageToken = first.nextPageToken
            let second = try await world.content.search(paged, options: lan)
            #expect(first.hits.count == 4)
            #expect(second.hits.count == 2)
            #expect(second.nextPageToken.isEmpty)
            #expect(Set(first.hits.compactMap(\.item?.id) + second.hits.compactMap(\.item?.id)) == Set(ids + [news.id]))
        }
    }

    /// Ranking reads the index only: items whose title or number holds the query first
    /// (BM25 over titles and numbers), then those holding it in their body, newest first
    /// (a shorter, older body would win by BM25 over bodies).
    @Test func titleMatchesComeFirstThenBodyMatchesNewestFirst() async throws {
        try await withContent("search-tiers") { world in
            let province = world.tree.province
            let olderBody = try await world.published(.news, in: province, document("Tin thứ nhất", body: "Chuyển đổi số."))
            let titled = try await world.published(in: province, document("Nghị quyết về chuyển đổi số", body: "Nội dung."))
            let newerBody = try await world.published(
                .news, in: province,
                document("Tin thứ hai", body: "Các chi bộ bàn về chuyển đổi số trong sinh hoạt định kỳ hằng tháng của đảng viên."))
            let lan = try world.member("Lan")
            let found = try await world.content.search(world.search("chuyen doi so"), options: lan).hits.compactMap(\.item?.id)
            #expect(found == [titled.id, newerBody.id, olderBody.id])
        }
    }

    /// Search's filters follow a correction (the item's year and issuer are kept where
    /// the index's walk reads them, in the correcting transaction).
    @Test func aCorrectedYearIsWhatTheYearFilterSees() async throws {
        try await withContent("search-corrected-year") { world in
            let lan = try world.member("Lan")
            var byYear = world.search("chuyen de")
            let item = try await world.published(in: world.tree.province, document("Nghị quyết chuyên đề", issueDate: "2021-05-01"))
            _ = try await world.content.correct(
                world.correction(of: item.id, to: document("Nghị quyết chuyên đề", issueDate: "2023-05-01"), note: "Sửa năm"),
                options: world.editor("m_editorA", of: world.tree.province))
            byYear.year = 2021
            #expect(try await world.content.search(byYear, options: lan).hits.isEmpty)
            byYear.year = 2023
            #expect(try await world.content.search(byYear, options: lan).hits.compactMap(\.item?.id) == [item.id])
        }
    }
}
