import Foundation
import Testing
@testable import OrgSeed

/// Collects rows in memory, for comparing runs.
private struct CollectingSink: SeedSink {
    var units: [SeedUnit] = []
    var members: [SeedMember] = []
    mutating func add(_ unit: SeedUnit) throws { units.append(unit) }
    mutating func add(_ member: SeedMember) throws { members.append(member) }
}

private func generate(_ preset: SeedPreset = .province, seed: UInt64) throws -> (CollectingSink, SeedSummary) {
    var sink = CollectingSink()
    let summary = try SeedGenerator(preset: preset, seed: seed).generate(into: &sink)
    return (sink, summary)
}

@Suite struct SeedGeneratorTests {
    @Test func theSameSeedWritesByteIdenticalFiles() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("orgseed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let first = try SeedFiles.write(SeedGenerator(preset: .province, seed: 7), to: base.appendingPathComponent("a"))
        let second = try SeedFiles.write(SeedGenerator(preset: .province, seed: 7), to: base.appendingPathComponent("b"))
        #expect(first.summary == second.summary)
        for file in [SeedFiles.unitsFile, "members.csv"] {
            let a = try Data(contentsOf: base.appendingPathComponent("a").appendingPathComponent(file))
            let b = try Data(contentsOf: base.appendingPathComponent("b").appendingPathComponent(file))
            #expect(a == b, "\(file) differs between two runs with the same seed")
        }
    }

    @Test func anotherSeedGivesOtherPeopleInTheSameShape() throws {
        let (one, oneSummary) = try generate(seed: 1)
        let (two, twoSummary) = try generate(seed: 2)
        #expect(one.members.map(\.fullName) != two.members.map(\.fullName))
        #expect(oneSummary.cellsByType == twoSummary.cellsByType)
        #expect(oneSummary.members == twoSummary.members)
    }

    @Test func theProvinceHasYenBaisCellMixAndMemberCount() throws {
        let (_, summary) = try generate(seed: 1)
        #expect(summary.members == 60_126)
        #expect(summary.cells == 2_910)
        #expect(summary.cellsByType == [.administrativeAgency: 324, .publicServiceUnit: 671, .enterprise: 199,
                                        .armedForces: 360, .villageResidential: 1_356])
        let averages: [SeedCellType: Double] = [.administrativeAgency: 12.8, .publicServiceUnit: 20.7, .enterprise: 13.7,
                                                .armedForces: 7.6, .villageResidential: 27]
        for (type, average) in averages {
            let actual = Double(summary.membersByType[type] ?? 0) / Double(summary.cellsByType[type] ?? 1)
            #expect(abs(actual - average) < 0.2, "\(type): \(actual) members per cell, expected about \(average)")
        }
        // 906 under 30, 307 of 30–50, 107 of 51–80, 36 over 80.
        for (actual, expected) in zip(summary.villageCellsBySize, [906, 307, 107, 36]) {
            #expect(abs(actual - expected) <= max(3, expected / 20), "village sizes \(summary.villageCellsBySize)")
        }
        let grassrootsCells = summary.unitsByKind[.grassrootsCell] ?? 0
        #expect((140...260).contains(grassrootsCells), "\(grassrootsCells) grassroots cells, Yên Bái has 190")
        for kind in SeedUnitKind.allCases { #expect((summary.unitsByKind[kind] ?? 0) > 0, "no \(kind) at all") }
    }

    @Test func aboutOneMemberInTwelveIsProbationaryAndSomeElderlyAreExempt() throws {
        let (_, summary) = try generate(seed: 3)
        let probationary = Double(summary.membersByStatus[.probationary] ?? 0) / Double(summary.members)
        let exempt = Double(summary.membersByStatus[.exempt] ?? 0) / Double(summary.members)
        #expect(abs(probationary - 0.08) < 0.01)
        #expect(exempt > 0.01 && exempt < 0.1)
    }

    @Test func everyRowIsWellFormedAndPointsAtAUnitAboveIt() throws {
        let (sink, _) = try generate(seed: 4)
        var codes: Set<String> = []
        var cellCodes: Set<String> = []
        for unit in sink.units {
            #expect(unit.parentCode.isEmpty ? codes.isEmpty : codes.contains(unit.parentCode), "\(unit.code) before its parent")
            #expect(codes.insert(unit.code).inserted, "code \(unit.code) repeats")
            #expect((unit.cellType != nil) == unit.kind.isCell)
            if unit.kind.isCell { cellCodes.insert(unit.code) }
        }
        #expect(Set(sink.members.map(\.cardNumber)).count == sink.members.count, "card numbers repeat")
        #expect(Set(sink.members.map(\.citizenID)).count == sink.members.count, "citizen ids repeat")
        let isoDate = /^\d{4}-\d{2}-\d{2}$/
        for member in sink.members {
            #expect(cellCodes.contains(member.unitCode))
            #expect(member.citizenID.count == 12 && member.citizenID.allSatisfy(\.isNumber))
            #expect(member.birthDate.wholeMatch(of: isoDate) != nil && member.admittedOn.wholeMatch(of: isoDate) != nil)
            #expect(member.admittedOn > member.birthDate)
            #expect(member.phone.isEmpty || (member.phone.count == 10 && member.phone.hasPrefix("0")))
            #expect((member.status == .probationary) == member.officialOn.isEmpty)
        }
        let birthYears = sink.members.compactMap { Int($0.birthDate.prefix(4)) }
        #expect(birthYears.min() ?? 0 >= 1934 && birthYears.max() ?? 0 <= 2005, "ages 20 to 90 in 2025")
    }

    @Test func namesAreVietnameseWithDiacritics() throws {
        let (sink, _) = try generate(seed: 5)
        let families = sink.members.map { $0.fullName.split(separator: " ").first.map(String.init) ?? "" }
        let nguyen = Double(families.filter { $0 == "Nguyễn" }.count) / Double(families.count)
        #expect(nguyen > 0.3 && nguyen < 0.45)
        #expect(sink.members.contains { $0.fullName.contains("Thị") })
        #expect(sink.units.first?.name == "Đảng bộ tỉnh Yên Bái")
        #expect(sink.units.contains { $0.name.hasPrefix("Chi bộ thôn ") })
        #expect(sink.units.contains { $0.name.hasPrefix("Đảng bộ xã ") })
        #expect(sink.units.contains { $0.name.hasPrefix("Chi bộ Trường THCS ") })
    }

    @Test func valuesWithCommasAreQuotedInTheCSV() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("orgseed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        _ = try SeedFiles.write(SeedGenerator(preset: .province, seed: 1), to: base)
        let units = try String(contentsOf: base.appendingPathComponent(SeedFiles.unitsFile), encoding: .utf8)
        #expect(units.hasPrefix("code,name,kind,cell_type,parent_code\n"))
        #expect(units.contains("\"Chi bộ Sở Văn hóa, Thể thao và Du lịch\"")
                || units.contains("\"Đảng bộ Sở Văn hóa, Thể thao và Du lịch\""))
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: -40_000, through: 40_000, by: 37) {
            let date = CivilDate(days: days)
            let (year, month, day) = date.components
            #expect(CivilDate(year: year, month: month, day: day) == date)
        }
        #expect(CivilDate(year: 2025, month: 10, day: 1).iso == "2025-10-01")
        #expect(CivilDate(year: 2024, month: 2, day: 29).adding(years: 1).iso == "2025-03-01")
    }

    @Test func apportionHitsTheTotalExactly() {
        #expect(apportion(10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(apportion(2_910, weights: [324, 671, 199, 360, 1_356]) == [324, 671, 199, 360, 1_356])
        #expect(apportion(7, weights: [0, 0]) == [0, 0])
    }
}
