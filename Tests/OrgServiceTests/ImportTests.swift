import OrgContracts
import RPC
import TestSupport
import Testing

@Suite struct ImportTests {
    @Test func aCleanRegistryExportImportsWholeAndTheCountsAddUp() async throws {
        try await OrgHarness.with { harness in
            let units = try await harness.importFile(.units, RegistryExport.units)
            #expect(units.applied && units.rows == 7 && units.addedCount == 7 && units.problemCount == 0)
            let members = try await harness.importFile(.members, RegistryExport.members)
            #expect(members.applied && members.addedCount == 4 && members.added.contains("…0001 Nguyễn Thị Hồng"))

            let root = try await harness.rootUnit()
            #expect(root.code == "YB")
            let counts = try await harness.counts(of: root.id)
            #expect(counts.committees == 3 && counts.grassrootsCommittees == 1 && counts.cells == 3)
            #expect(counts.members == 4 && counts.probationaryMembers == 1 && counts.officialMembers == 2
                    && counts.exemptMembers == 1)
            #expect(counts.byCellType.first { $0.cellType == .villageResidential }?.members == 3)
            #expect(counts.byCellType.first { $0.cellType == .publicServiceUnit }?.cells == 1)
        }
    }

    @Test func aFileWithBadRowsReportsEveryOneByLineAndColumnAndImportsNothing() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            let importID = try await harness.stageImport(.members, """
                \(RegistryExport.memberHeader),nickname
                YB-0001,Nguyễn Thị Hồng,1985-03-02,female,,,,KH-01,official,,,Hồng
                YB-0002,Đặng Văn Lâm,1985-02-30,male,,,,KH-01,official,,,
                YB-0003,Triệu Thị Mai,1990-01-15,female,,,,NOPE,official,,,
                YB-0004,Hoàng Văn Phúc,1970-07-07,nam,,,,KH-02,active,,,
                yb 0001,Người Trùng Thẻ,1970-07-07,male,,,,KH-02,official,,,
                YB-0006,Thiếu Cột,1970-07-07
                YB-0007,Lò Văn Pá,1970-07-07,male,,12ab,,KH-02,official,,,
                """)
            let report = try await harness.planImport(importID)
            let found = Set(report.problems.map { "\($0.line) \($0.column)" })
            #expect(found == ["1 nickname", "3 birth_date", "4 unit_code", "5 gender", "5 status", "6 card_number", "7 ",
                              "8 phone"])
            #expect(report.problemCount == 8)
            #expect(report.problems.allSatisfy { !$0.reason.isEmpty })
            #expect(!report.problems.contains { $0.reason.contains("12ab") }, "values of personal fields stay out of reports")

            #expect(await statusCode { _ = try await harness.applyImport(importID) } == .failedPrecondition)
            #expect(try await harness.counts(of: try await harness.rootUnit().id).members == 0)
        }
    }

    @Test func planningWithoutApplyingChangesNothing() async throws {
        try await OrgHarness.with { harness in
            let importID = try await harness.stageImport(.units, RegistryExport.units)
            let report = try await harness.planImport(importID)
            #expect(!report.applied && report.addedCount == 7 && report.problemCount == 0)
            #expect(try await harness.activeUnits().isEmpty)
        }
    }

    @Test func aDiscardedImportLeavesNothingBehindAndCannotBeAppliedAfterwards() async throws {
        try await OrgHarness.with { harness in
            let importID = try await harness.stageImport(.units, RegistryExport.units)
            _ = try await harness.planImport(importID)
            var discard = DiscardImportRequest()
            discard.importID = importID
            _ = try await harness.org.discardImport(discard, options: try harness.asOperator)
            _ = try await harness.org.discardImport(discard, options: try harness.asOperator)
            #expect(await statusCode { _ = try await harness.planImport(importID) } == .notFound)
            #expect(await statusCode { _ = try await harness.applyImport(importID) } == .notFound)
            #expect(await statusCode { _ = try await harness.org.discardImport(discard, options: try harness.options("m-1")) }
                    == .permissionDenied)
            #expect(try await harness.activeUnits().isEmpty)
        }
    }

    @Test func aNewerExportIsReconciledFieldByFieldAndAppliedOnlyWhenAsked() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            try await harness.importFile(.members, RegistryExport.members)
            // Hồng became official; Lâm moved to Bản Mù; Mai is missing; Thảo is new.
            let importID = try await harness.stageImport(.members, """
                \(RegistryExport.memberHeader)
                YB-0001,Nguyễn Thị Hồng,1985-03-02,female,015185000001,0912 000 001,,KH-01,official,2024-05-19,2025-05-19
                YB-0002,Đặng Văn Lâm,1979-11-30,male,,0912 000 002,lam@example.vn,KH-02,official,2001-02-03,2002-02-03
                YB-0004,Hoàng Văn Phúc,1970-07-07,male,,,,CDSP-TN,official,1995-01-01,1996-01-01
                YB-0005,Sùng Thị Thảo,1998-12-01,female,,,,KH-02,probationary,2025-01-10,
                """)
            let plan = try await harness.planImport(importID)
            #expect(!plan.applied)
            #expect(plan.addedCount == 1 && plan.added == ["…0005 Sùng Thị Thảo"])
            #expect(plan.changedCount == 1 && Set(plan.changes.map(\.field)) == ["status", "official_on"])
            #expect(plan.changes.first { $0.field == "status" }.map { ($0.oldValue, $0.newValue) } ?? ("", "")
                    == ("probationary", "official"))
            #expect(plan.movedCount == 1 && plan.moves.first?.record == "…0002 Đặng Văn Lâm"
                    && plan.moves.first?.oldValue == "KH-01" && plan.moves.first?.newValue == "KH-02")
            #expect(plan.missingCount == 1 && plan.missing == ["…0003 Triệu Thị Mai"])
            #expect(plan.unchangedCount == 1 && plan.conflictCount == 0)
            let root = try await harness.rootUnit()
            #expect(try await harness.counts(of: root.id).probationaryMembers == 1, "a plan changes nothing")

            let applied = try await harness.applyImport(importID)
            #expect(applied.applied && applied.addedCount == 1 && applied.movedCount == 1)
            let counts = try await harness.counts(of: root.id)
            #expect(counts.members == 5, "the missing member is reported, not removed")
            #expect(counts.officialMembers == 3 && counts.probationaryMembers == 1 && counts.exemptMembers == 1)
            let banMu = try #require(try await harness.unit(code: "KH-02"))
            #expect(try await harness.counts(of: banMu.id).members == 3)

            let hong = try #require(try await harness.member(named: "Nguyễn Thị Hồng"))
            var history = GetMemberHistoryRequest()
            history.memberID = hong.id
            let changes = try await harness.org.getMemberHistory(history, options: try harness.asAdmin(of: root.id)).changes
            #expect(changes.contains { $0.kind == .memberImported && $0.reason == "import members.csv"
                                       && Set($0.fields) == ["status", "official_on"] })

            #expect(await statusCode { _ = try await harness.applyImport(importID) } == .failedPrecondition,
                    "an import applies once")
        }
    }

    @Test func aFieldTheMemberEditedHereIsAConflictAndKeepsTheirValue() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            try await harness.importFile(.members, RegistryExport.members)
            let lam = try #require(try await harness.member(named: "Đặng Văn Lâm"))
            var edit = UpdateMemberRequest()
            edit.memberID = lam.id
            edit.member = Member()
            edit.member?.phone = "0988 111 222"
            edit.fields = ["phone"]
            _ = try await harness.org.updateMember(edit, options: try harness.options(lam.id))

            // The registry still has the old phone and a new email.
            let importID = try await harness.stageImport(.members, """
                \(RegistryExport.memberHeader)
                YB-0002,Đặng Văn Lâm,1979-11-30,male,,0912 000 009,lam.dang@example.vn,KH-01,official,2001-02-03,2002-02-03
                """)
            let plan = try await harness.planImport(importID)
            #expect(plan.conflictCount == 1 && plan.conflicts.first?.field == "phone"
                    && plan.conflicts.first?.record == "…0002 Đặng Văn Lâm")
            #expect(plan.conflicts.first?.newValue == "(changed)", "personal values stay out of reports")
            #expect(plan.changedCount == 1 && plan.changes.map(\.field) == ["email"])
            _ = try await harness.applyImport(importID)

            var get = GetMemberRequest()
            get.memberID = lam.id
            let after = try await harness.org.getMember(get, options: try harness.options(lam.id))
            #expect(after.phone == "0988 111 222" && after.email == "lam.dang@example.vn")
        }
    }

    @Test func unitRowsMayComeInAnyOrderButCyclesAndUnknownParentsAreProblems() async throws {
        try await OrgHarness.with { harness in
            let importID = try await harness.stageImport(.units, """
                code,name,kind,cell_type,parent_code
                A,Đảng bộ A,committee,,C
                YB,Đảng bộ tỉnh Yên Bái,committee,,
                B,Đảng bộ B,committee,,A
                C,Đảng bộ C,committee,,B
                D,Đảng bộ D,committee,,ZZ
                E,Chi bộ E,cell,,YB
                F,Chi bộ F,cell,enterprise,E
                """)
            let report = try await harness.planImport(importID)
            let found = Set(report.problems.map { "\($0.line) \($0.column)" })
            #expect(found == ["2 parent_code", "4 parent_code", "5 parent_code", "6 parent_code", "7 cell_type",
                              "8 parent_code"])
            #expect(report.problems.first { $0.line == 2 }?.reason == "makes a cycle: A → C → B → A")
            #expect(await statusCode { _ = try await harness.applyImport(importID) } == .failedPrecondition)
            #expect(try await harness.activeUnits().isEmpty)
        }
    }

    @Test func aUnitsReexportRenamesMovesAndReclassifiesKeepingTheCountsRight() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            try await harness.importFile(.members, RegistryExport.members)
            // Bản Mù moves to the school's committee; the bloc is renamed; the school's
            // cell becomes an administrative agency's; the commune is missing from the file.
            let importID = try await harness.stageImport(.units, """
                code,name,kind,cell_type,parent_code
                YB,Đảng bộ tỉnh Yên Bái,committee,,
                KH-01,Chi bộ thôn Khe Hóp,cell,village_residential,YB
                KH-02,Chi bộ thôn Bản Mù,cell,village_residential,CDSP
                KCQ,Đảng bộ Các cơ quan tỉnh,committee,,YB
                CDSP,Đảng bộ Trường Cao đẳng Sư phạm,grassroots_committee,,KCQ
                CDSP-TN,Chi bộ Khoa Tự nhiên,cell,administrative_agency,CDSP
                """)
            let plan = try await harness.planImport(importID)
            #expect(plan.problemCount == 0 && plan.movedCount == 2 && plan.changedCount == 2 && plan.missing == ["XKH Đảng bộ xã Khe Hóp"])
            _ = try await harness.applyImport(importID)

            let root = try await harness.rootUnit()
            let counts = try await harness.counts(of: root.id)
            #expect(counts.cells == 3 && counts.members == 4)
            #expect(counts.byCellType.first { $0.cellType == .administrativeAgency }.map { ($0.cells, $0.members) } ?? (0, 0)
                    == (1, 1))
            #expect(counts.byCellType.first { $0.cellType == .publicServiceUnit }?.cells ?? 0 == 0)
            let school = try #require(try await harness.unit(code: "CDSP"))
            let schoolCounts = try await harness.counts(of: school.id)
            #expect(schoolCounts.cells == 2 && schoolCounts.members == 2)
            let commune = try #require(try await harness.unit(code: "XKH"))
            #expect(try await harness.counts(of: commune.id).members == 0)
            #expect(try await harness.unit(code: "KCQ")?.name == "Đảng bộ Các cơ quan tỉnh")
        }
    }

    @Test func onlyOperatorsImport() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            let root = try await harness.rootUnit()
            for caller in [try harness.asAdmin(of: root.id), try harness.options("m-1"), try harness.asService] {
                #expect(await statusCode { _ = try await harness.stageImport(.members, RegistryExport.members, as: caller) }
                        == .permissionDenied)
            }
            let importID = try await harness.stageImport(.members, RegistryExport.members)
            var apply = ApplyImportRequest()
            apply.importID = importID
            #expect(await statusCode { _ = try await harness.org.applyImport(apply, options: try harness.asAdmin(of: root.id)) }
                    == .permissionDenied)
        }
    }

    @Test func datesOutOfOrderOrInTheFutureAreProblemsOfTheirColumn() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            let importID = try await harness.stageImport(.members, """
                \(RegistryExport.memberHeader)
                YB-0001,Nguyễn Thị Hồng,1985-03-02,female,,,,KH-01,official,2010-05-19,2009-05-19
                YB-0002,Đặng Văn Lâm,2199-11-30,male,,,,KH-01,probationary,,
                YB-0003,Triệu Thị Mai,1990-01-15,female,,,,KH-02,official,1989-06-01,1990-06-01
                YB-0004,Hoàng Văn Phúc,1970-07-07,male,,,,CDSP-TN,probationary,1995-01-01,1996-01-01
                YB-0005,Sùng Thị Thảo,1998-12-01,female,,,,KH-02,official,2020-01-10,2021-01-10
                """)
            let report = try await harness.planImport(importID)
            #expect(Set(report.problems.map { "\($0.line) \($0.column)" })
                    == ["2 official_on", "3 birth_date", "4 admitted_on", "5 official_on"])
            #expect(report.addedCount == 1, "the one row whose dates keep their order")
            #expect(await statusCode { _ = try await harness.applyImport(importID) } == .failedPrecondition)
        }
    }

    @Test func membersAreMissingOnlyFromTheUnitsTheFileCovers() async throws {
        try await OrgHarness.with { harness in
            try await harness.importFile(.units, RegistryExport.units)
            try await harness.importFile(.members, RegistryExport.members)
            // A file about Khe Hóp alone, without Lâm: Mai (Bản Mù) and Phúc (the school)
            // are members of units it does not speak for.
            let importID = try await harness.stageImport(.members, """
                \(RegistryExport.memberHeader)
                YB-0001,Nguyễn Thị Hồng,1985-03-02,female,015185000001,0912 000 001,,KH-01,probationary,2024-05-19,
                """)
            let report = try await harness.planImport(importID)
            #expect(report.problemCount == 0 && report.missing == ["…0002 Đặng Văn Lâm"] && report.missingCount == 1)
        }
    }
}
