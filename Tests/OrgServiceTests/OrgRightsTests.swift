import OrgContracts
import RPC
import TestSupport
import Testing

@Suite struct OrgRightsTests {
    @Test func staffChangeTheTreeOnlyInsideTheirSubtree() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let communeStaff = try harness.options("m-staff", [OrgHarness.grant(.committeeStaff, tree.commune.id)])
            #expect(try await harness.createUnit("Chi bộ thôn Mới", kind: .cell, cellType: .villageResidential,
                                                 under: tree.commune.id, as: communeStaff).parentID == tree.commune.id)
            #expect(await statusCode {
                _ = try await harness.createUnit("Chi bộ", kind: .cell, cellType: .enterprise, under: tree.school.id, as: communeStaff)
            } == .permissionDenied)
            var rename = RenameUnitRequest()
            rename.unitID = tree.province.id
            rename.name = "Tỉnh khác"
            #expect(await statusCode { _ = try await harness.org.renameUnit(rename, options: communeStaff) } == .permissionDenied)
            var move = MoveUnitRequest()
            move.unitID = tree.cellA.id
            move.newParentID = tree.school.id
            #expect(await statusCode { _ = try await harness.org.moveUnit(move, options: communeStaff) } == .permissionDenied)
        }
    }

    @Test func aRoleThatDoesNotEditTheTreeCannotEvenOnItsOwnUnit() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let secretary = try harness.options("m-sec", [OrgHarness.grant(.cellSecretary, tree.cellA.id)])
            var rename = RenameUnitRequest()
            rename.unitID = tree.cellA.id
            rename.name = "Chi bộ đổi tên"
            #expect(await statusCode { _ = try await harness.org.renameUnit(rename, options: secretary) } == .permissionDenied)
            let editor = try harness.options("m-editor", [OrgHarness.grant(.editor, tree.province.id)])
            #expect(await statusCode { _ = try await harness.org.renameUnit(rename, options: editor) } == .permissionDenied)
        }
    }

    @Test func onlyOperatorsCreateTheRootAndEveryCallNeedsAToken() async throws {
        try await OrgHarness.with { harness in
            #expect(await statusCode {
                _ = try await harness.createUnit("Tỉnh", kind: .committee, under: "", as: try harness.options("m-1", [OrgHarness.grant(.administrator, "x")]))
            } == .permissionDenied)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = "u_missing"
            #expect(await statusCode { _ = try await harness.org.getSubtreeCounts(counts) } == .unauthenticated)
            #expect(await statusCode { _ = try await harness.org.getSubtreeCounts(counts, options: try harness.options("m-1")) }
                    == .notFound)
            counts.unitID = ""
            #expect(await statusCode { _ = try await harness.org.getSubtreeCounts(counts, options: try harness.options("m-1")) }
                    == .invalidArgument)
        }
    }
}
