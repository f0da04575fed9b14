import Foundation
import OrgContracts
import RPC
import TestSupport
import Testing

@Suite struct UnitTreeTests {
    @Test func aTreeIsBuiltAndReadBackWithChildrenAncestorsAndSubtree() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let reader = try harness.options("m-reader")
            var children = ListChildrenRequest()
            children.unitID = tree.commune.id
            let names = try await harness.org.listChildren(children, options: reader).units.map(\.name)
            #expect(names == ["Chi bộ thôn Bản Mù", "Chi bộ thôn Khe Hóp"])
            var ancestors = GetAncestorsRequest()
            ancestors.unitID = tree.cellC.id
            #expect(try await harness.org.getAncestors(ancestors, options: reader).units.map(\.id)
                    == [tree.province.id, tree.bloc.id, tree.school.id])
            var subtree = ListSubtreeRequest()
            subtree.unitID = tree.province.id
            subtree.pageSize = 3
            var seen: [String] = []
            repeat {
                let page = try await harness.org.listSubtree(subtree, options: reader)
                seen += page.units.map(\.id)
                subtree.pageToken = page.nextPageToken
            } while !subtree.pageToken.isEmpty
            #expect(Set(seen) == Set([tree.province, tree.commune, tree.cellA, tree.cellB, tree.bloc, tree.school, tree.cellC].map(\.id)))
            #expect(seen.count == 7)
            #expect(seen.first == tree.province.id)
        }
    }

    @Test func aCellHasNoChildrenAndTheRootMustBeACommittee() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            #expect(await statusCode {
                _ = try await harness.createUnit("Tổ đảng", kind: .cell, cellType: .villageResidential, under: tree.cellA.id, as: admin)
            } == .failedPrecondition)
            #expect(await statusCode {
                _ = try await harness.createUnit("Chi bộ", kind: .cell, under: tree.commune.id, as: admin)
            } == .invalidArgument)
            #expect(await statusCode {
                _ = try await harness.createUnit("Gốc thứ hai", kind: .committee, under: "", as: try harness.asOperator)
            } == .invalidArgument)
        }
    }

    @Test func aDuplicateActiveCodeIsAlreadyExistsAndARetriedCreateReturnsTheFirstUnit() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            #expect(await statusCode {
                _ = try await harness.createUnit("Khác", code: "YB", kind: .committee, under: tree.province.id, as: admin)
            } == .alreadyExists)
            var request = CreateUnitRequest()
            request.parentID = tree.commune.id
            request.code = "KH-04"
            request.name = "Chi bộ thôn Nà Hẩu"
            request.kind = .cell
            request.cellType = .villageResidential
            request.idempotencyKey = "create-na-hau"
            let first = try await harness.org.createUnit(request, options: admin)
            let retry = try await harness.org.createUnit(request, options: admin)
            #expect(first.id == retry.id)
        }
    }

    @Test func movingASubtreeKeepsIdsAndMovesItsCounts() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            _ = try await harness.createMember("Nguyễn Văn An", card: "YB-1", in: tree.cellC.id, as: admin)
            var move = MoveUnitRequest()
            move.unitID = tree.school.id
            move.newParentID = tree.commune.id
            move.reason = "sắp xếp lại"
            let moved = try await harness.org.moveUnit(move, options: admin)
            #expect(moved.id == tree.school.id && moved.parentID == tree.commune.id && moved.depth == 2)
            var ancestors = GetAncestorsRequest()
            ancestors.unitID = tree.cellC.id
            #expect(try await harness.org.getAncestors(ancestors, options: admin).units.map(\.id)
                    == [tree.province.id, tree.commune.id, tree.school.id])
            var counts = GetSubtreeCountsRequest()
            counts.unitID = tree.commune.id
            let commune = try await harness.org.getSubtreeCounts(counts, options: admin)
            #expect(commune.members == 1 && commune.cells == 3 && commune.grassrootsCommittees == 1)
            counts.unitID = tree.bloc.id
            let bloc = try await harness.org.getSubtreeCounts(counts, options: admin)
            #expect(bloc.members == 0 && bloc.cells == 0 && bloc.committees == 1)
        }
    }

    @Test func aMoveThatWouldMakeACycleIsRefused() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            var move = MoveUnitRequest()
            move.unitID = tree.bloc.id
            move.newParentID = tree.school.id
            #expect(await statusCode { _ = try await harness.org.moveUnit(move, options: admin) } == .failedPrecondition)
            move.newParentID = tree.bloc.id
            #expect(await statusCode { _ = try await harness.org.moveUnit(move, options: admin) } == .failedPrecondition)
            move.unitID = tree.province.id
            move.newParentID = tree.commune.id
            #expect(await statusCode { _ = try await harness.org.moveUnit(move, options: admin) } == .failedPrecondition)
        }
    }

    @Test func mergingMovesMembersAndKeepsTheOldUnitAsHistory() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            let member = try await harness.createMember("Lò Thị Hoa", card: "YB-2", in: tree.cellB.id, as: admin)
            _ = try await harness.createMember("Hà Văn Dũng", card: "YB-3", in: tree.cellA.id, as: admin)
            var merge = MergeUnitRequest()
            merge.unitID = tree.cellB.id
            merge.intoUnitID = tree.cellA.id
            merge.reason = "sáp nhập thôn"
            let target = try await harness.org.mergeUnit(merge, options: admin)
            #expect(target.id == tree.cellA.id)
            var get = GetMemberRequest()
            get.memberID = member.id
            #expect(try await harness.org.getMember(get, options: admin).unitID == tree.cellA.id)
            var unit = GetUnitRequest()
            unit.unitID = tree.cellB.id
            let old = try await harness.org.getUnit(unit, options: admin)
            #expect(old.state == .merged && old.mergedIntoID == tree.cellA.id)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = tree.commune.id
            let commune = try await harness.org.getSubtreeCounts(counts, options: admin)
            #expect(commune.members == 2 && commune.cells == 1)
            #expect(commune.byCellType.first { $0.cellType == .villageResidential }?.members == 2)
            var history = GetMemberHistoryRequest()
            history.memberID = member.id
            #expect(try await harness.org.getMemberHistory(history, options: admin).changes.first?.kind == .memberMerged)
            // A merge into a cell of a unit that has units under it is refused.
            merge.unitID = tree.school.id
            merge.intoUnitID = tree.cellA.id
            #expect(await statusCode { _ = try await harness.org.mergeUnit(merge, options: admin) } == .failedPrecondition)
        }
    }

    @Test func dissolvingAUnitWithMembersOrUnitsIsRefused() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            _ = try await harness.createMember("Vàng A Sùng", card: "YB-4", in: tree.cellA.id, as: admin)
            var dissolve = DissolveUnitRequest()
            dissolve.unitID = tree.cellA.id
            #expect(await statusCode { _ = try await harness.org.dissolveUnit(dissolve, options: admin) } == .failedPrecondition)
            dissolve.unitID = tree.commune.id
            #expect(await statusCode { _ = try await harness.org.dissolveUnit(dissolve, options: admin) } == .failedPrecondition)
            dissolve.unitID = tree.cellB.id
            #expect(try await harness.org.dissolveUnit(dissolve, options: admin).state == .dissolved)
            var counts = GetSubtreeCountsRequest()
            counts.unitID = tree.province.id
            #expect(try await harness.org.getSubtreeCounts(counts, options: admin).cells == 2)
        }
    }

    @Test func everyChangeIsRecordedAndTheTreeCanBeReadAsOfADate() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id, memberID: "m-staff")
            harness.clock.advance(byMs: 5)
            let before = harness.clock.now
            harness.clock.advance(byMs: 5)
            var rename = RenameUnitRequest()
            rename.unitID = tree.cellA.id
            rename.name = "Chi bộ thôn Khe Hóp Mới"
            rename.reason = "đổi tên thôn"
            _ = try await harness.org.renameUnit(rename, options: admin)
            var move = MoveUnitRequest()
            move.unitID = tree.cellA.id
            move.newParentID = tree.school.id
            _ = try await harness.org.moveUnit(move, options: admin)

            var history = GetUnitHistoryRequest()
            history.unitID = tree.cellA.id
            let changes = try await harness.org.getUnitHistory(history, options: admin).changes
            #expect(changes.map(\.kind) == [.unitMoved, .unitRenamed, .unitCreated])
            #expect(changes[1].actorMemberID == "m-staff" && changes[1].reason == "đổi tên thôn")
            #expect(changes[1].oldName == "Chi bộ thôn Khe Hóp" && changes[0].newParentID == tree.school.id)

            var asOf = GetUnitRequest()
            asOf.unitID = tree.cellA.id
            asOf.asOfMS = before
            let old = try await harness.org.getUnit(asOf, options: admin)
            #expect(old.name == "Chi bộ thôn Khe Hóp" && old.parentID == tree.commune.id && old.depth == 2)
            var children = ListChildrenRequest()
            children.unitID = tree.commune.id
            children.asOfMS = before
            #expect(try await harness.org.listChildren(children, options: admin).units.map(\.id).contains(tree.cellA.id))
            children.asOfMS = 0
            #expect(try await !harness.org.listChildren(children, options: admin).units.map(\.id).contains(tree.cellA.id))
            var subtree = ListSubtreeRequest()
            subtree.unitID = tree.commune.id
            subtree.asOfMS = before
            #expect(try await harness.org.listSubtree(subtree, options: admin).units.count == 3)
            asOf.asOfMS = 1
            #expect(await statusCode { _ = try await harness.org.getUnit(asOf, options: admin) } == .notFound)
        }
    }

    @Test func searchingUnitsIgnoresDiacritics() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            var search = SearchUnitsRequest()
            search.query = "khe hop"
            let found = try await harness.org.searchUnits(search, options: try harness.options("m-1")).units.map(\.id)
            #expect(Set(found) == [tree.commune.id, tree.cellA.id])
            search.withinUnitID = tree.bloc.id
            #expect(try await harness.org.searchUnits(search, options: try harness.options("m-1")).units.isEmpty)
            // FTS5 syntax in the input is only text; input with no word at all is refused.
            search.query = "\"( AND NEAR"
            #expect(try await harness.org.searchUnits(search, options: try harness.options("m-1")).units.isEmpty)
            search.query = "\"( *"
            #expect(await statusCode { _ = try await harness.org.searchUnits(search, options: try harness.options("m-1")) }
                    == .invalidArgument)
        }
    }

    @Test func theChangeFeedListsEveryChangeInOrderWithTheUnitAfterIt() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let service = try harness.asService
            var request = ListTreeChangesRequest()
            request.pageSize = 4
            let first = try await harness.org.listTreeChanges(request, options: service)
            #expect(first.changes.map(\.sequence) == [1, 2, 3, 4] && first.latestSequence == 7)
            request.afterSequence = 4
            let rest = try await harness.org.listTreeChanges(request, options: service)
            #expect(rest.changes.map(\.unitID) == [tree.bloc.id, tree.school.id, tree.cellC.id])
            var snapshot = GetTreeSnapshotRequest()
            snapshot.pageSize = 5
            let page = try await harness.org.getTreeSnapshot(snapshot, options: service)
            #expect(page.units.count == 5 && page.asOfSequence == 7 && !page.nextPageToken.isEmpty)
        }
    }
}
