import Foundation
import OrgContracts
@testable import OrgService
import RPC
import Testing

/// A province-sized import through the RPC, the way `sotay import` sends it (chunks of
/// 2,000 rows): ~3,300 units and 60,000 members. Opt-in, since it takes a while in a
/// debug build: `SOTAY_IMPORT_SCALE=1 swift test --filter ImportScaleTests`. It prints
/// how long each step took and checks only the counts (tests never assert on timing).
@Suite struct ImportScaleTests {
    static let chunk = 2_000

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SOTAY_IMPORT_SCALE"] != nil))
    func aProvinceImportsThroughTheRPC() async throws {
        try await OrgHarness.with { harness in
            var options = try harness.asOperator
            options.timeout = .seconds(600)
            let province = SyntheticProvince()
            let clock = ContinuousClock()
            var elapsed: [String] = []
            for (kind, header, rows) in [(ImportKind.units, ImportFormat.unitColumns, province.unitRows),
                                         (.members, ImportFormat.memberColumns, province.memberRows)] {
                var start = StartImportRequest()
                start.kind = kind
                start.columns = header
                start.sourceName = "province-\(kind).csv"
                let began = clock.now
                let importID = try await harness.org.startImport(start, options: options).importID
                for first in stride(from: 0, to: rows.count, by: Self.chunk) {
                    var add = AddImportRowsRequest()
                    add.importID = importID
                    add.rows = rows[first..<min(first + Self.chunk, rows.count)].enumerated().map { offset, values in
                        var row = ImportRow()
                        row.line = Int32(first + offset + 2)
                        row.values = values
                        return row
                    }
                    _ = try await harness.org.addImportRows(add, options: options)
                }
                let staged = clock.now
                var plan = PlanImportRequest()
                plan.importID = importID
                let report = try await harness.org.planImport(plan, options: options)
                #expect(report.problemCount == 0 && report.addedCount == rows.count)
                let planned = clock.now
                var apply = ApplyImportRequest()
                apply.importID = importID
                _ = try await harness.org.applyImport(apply, options: options)
                let done = clock.now
                elapsed.append("\(kind): \(rows.count) rows, stage \(staged - began), plan \(planned - staged), "
                               + "apply \(done - planned), total \(done - began)")
            }
            print("import scale: " + elapsed.joined(separator: "; "))
            let counts = try await harness.counts(of: try await harness.rootUnit().id)
            #expect(counts.members == Int64(province.memberRows.count))
            #expect(counts.cells + counts.grassrootsCells == Int64(province.cellCodes.count))
        }
    }
}

/// A province like Yên Bái: 9 districts, each with 32 grassroots committees of 10 cells
/// and 20 grassroots cells (3,358 units); members spread over the cells.
private struct SyntheticProvince {
    var unitRows: [[String]] = [["P", "Đảng bộ tỉnh", "committee", "", ""]]
    var cellCodes: [String] = []
    var memberRows: [[String]] = []

    init(members: Int = 60_000) {
        let cellTypes = ["administrative_agency", "public_service_unit", "enterprise", "armed_forces", "village_residential"]
        for district in 1...9 {
            let districtCode = "D\(district)"
            unitRows.append([districtCode, "Huyện ủy \(district)", "committee", "", "P"])
            for grassroots in 1...32 {
                let code = "\(districtCode)-G\(grassroots)"
                unitRows.append([code, "Đảng bộ xã \(district)-\(grassroots)", "grassroots_committee", "", districtCode])
                for cell in 1...10 {
                    let cellCode = "\(code)-C\(cell)"
                    unitRows.append([cellCode, "Chi bộ thôn \(cell)", "cell", cellTypes[cell % 5], code])
                    cellCodes.append(cellCode)
                }
            }
            for cell in 1...20 {
                let cellCode = "\(districtCode)-GC\(cell)"
                unitRows.append([cellCode, "Chi bộ cơ sở \(cell)", "grassroots_cell", cellTypes[cell % 5], districtCode])
                cellCodes.append(cellCode)
            }
        }
        let statuses = ["official", "official", "official", "probationary", "exempt"]
        for index in 0..<members {
            memberRows.append([
                "YB\(String(format: "%07d", index))", "Nguyễn Văn Thành \(index)",
                "19\(50 + index % 50)-0\(1 + index % 9)-1\(index % 9)", index % 2 == 0 ? "male" : "female",
                "0151\(String(format: "%08d", index))", "0912\(String(format: "%06d", index))", "",
                cellCodes[index % cellCodes.count], statuses[index % 5], "2001-02-03", "2002-02-03",
            ])
        }
    }
}
