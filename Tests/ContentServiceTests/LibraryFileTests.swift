import ContentContracts
@testable import OperatorCLI
import Testing

/// The files of `sotay content import`: a bad file is reported with its line and reason.
@Suite struct LibraryFileTests {
    func parse(_ text: String) throws(LibraryFile.Problem) -> LibraryFile {
        try LibraryFile(path: "lib/a.md", bytes: Array(text.utf8), sourceKey: "sha256:00")
    }

    @Test func aFileWithItsHeaderIsReadAndFieldsKnowTheirLines() throws {
        let file = try parse("""
            ---
            kind: resolution
            number: 21-NQ/TW
            title: Nghị quyết về chuyển đổi số
            issuer: Ban Chấp hành Trung ương
            issued: 2021-10-30
            classification: public
            unit: YB
            ---
            Điều 1. Nội dung.
            """)
        #expect(file.kind == .resolution)
        #expect(file.content.number == "21-NQ/TW")
        #expect(file.content.classification == .public)
        #expect(file.content.body == "Điều 1. Nội dung.")
        #expect(file.unitCode == "YB")
        #expect(file.line(of: "content.issue_date") == 6)
        #expect(file.line(of: "content.body") == 10)
    }

    @Test func eachBadHeaderNamesItsLine() {
        func problem(_ text: String) -> (Int, String)? {
            do {
                _ = try parse(text)
                return nil
            } catch {
                return (error.line, error.reason)
            }
        }
        #expect(problem("Điều 1.")?.0 == 1)
        #expect(problem("---\nkind: resolution\ntitle x\n---\n")?.0 == 3)
        #expect(problem("---\nkind: sermon\ntitle: T\nclassification: public\nunit: YB\n---\n")?.0 == 2)
        #expect(problem("---\nkind: news\ntitle: T\nunit: YB\n---\n")?.1.contains("classification") == true)
        #expect(problem("---\nkind: news\ncolour: red\n---\n")?.1.contains("unknown header key") == true)
        #expect(problem("---\nkind: news\ntitle: T\n")?.1.contains("closing") == true)
    }
}
