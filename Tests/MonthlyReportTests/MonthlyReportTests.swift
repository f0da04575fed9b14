import Foundation
@testable import OperatorCLI
import Testing

@Suite struct MonthlyReportTests {
    @Test func unitsAreRankedByTheirSharesAndAUnitWithNoneComesLast() {
        let report = ReportFixture.report
        #expect(report.subordinates.map(\.figures.unitID) == ["u_mcc", "u_vy", "u_x"])
        #expect(report.subordinates.map(\.rank) == [1, 2, 3])
        // Mù Cang Chải: (0.9 + 0.5 + 1.0 + 0.8 + 0.6) / 5.
        #expect(abs((ReportFixture.mucangchai.score ?? 0) - 0.76) < 1e-9)
        #expect(ReportFixture.hostile.score == nil && ReportFixture.hostile.passRate == nil)
    }

    @Test func unitsWithTheSameScoreShareARank() {
        var twin = ReportFixture.mucangchai
        twin.unitID = "u_twin"
        twin.unitName = "Huyện ủy Trạm Tấu"
        let report = MonthlyReport(month: "2026-10", unit: ReportFixture.province,
                                   subordinates: [ReportFixture.vanyen, twin, ReportFixture.mucangchai])
        #expect(report.subordinates.map(\.rank) == [1, 1, 3])
    }

    @Test func theTextTableHasTheUnitThenItsSubordinatesWithTheirShares() {
        let lines = ReportFixture.report.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Monthly report 2026-10: Đảng bộ tỉnh Yên Bái")
        #expect(lines[2].contains("Đảng bộ tỉnh Yên Bái") && lines[2].contains("63.3%"))  // 190 of 300 registered
        #expect(lines[3].hasPrefix("1  Huyện ủy Mù Cang Chải") && lines[3].contains("90.0%"))
        #expect(lines[5].contains("–"))  // no members: no share, not 0%
    }

    @Test func theCSVReadsBackFieldForFieldWithNamesThatNeedQuoting() throws {
        let records = try CSVReader.records(Array(ReportFixture.report.csv.utf8))
        #expect(records.count == 5)
        #expect(records[0].fields.prefix(4) == ["month", "rank", "unit_id", "unit"])
        let vanyen = try #require(records.first { $0.fields[2] == "u_vy" })
        #expect(vanyen.fields[3] == "Huyện ủy Văn Yên, \"khu A\"" && vanyen.fields[1] == "2")
        let registered = try #require(records[0].fields.firstIndex(of: "registered"))
        #expect(vanyen.fields[registered] == "0.5000")
        #expect(try #require(records.first { $0.fields[2] == "u_x" }).fields[registered] == "")
    }

    @Test func theHTMLEscapesNamesAndNeedsNothingFromOutside() {
        let html = ReportFixture.report.html()
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // The only addresses are the SVG namespace's, which names and fetches nothing.
        func occurrences(_ text: String) -> Int { html.components(separatedBy: text).count - 1 }
        #expect(occurrences("http://") == occurrences("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!html.contains("https://") && !html.contains("src="))
    }
}
