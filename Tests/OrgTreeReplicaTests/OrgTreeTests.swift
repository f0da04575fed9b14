import OrgContracts
import Testing
@testable import OrgTreeReplica
import ServiceKit

@Suite struct OrgTreeTests {
    @Test func aSnapshotAnswersAncestorsSubtreesChildrenAndDepth() {
        let tree = sampleTree()
        #expect(tree.count == 7)
        #expect(tree.sequence == 10)
        #expect(tree.ancestors(of: "cell-a1x") == ["root", "province-a", "commune-a1"])
        #expect(tree.ancestors(of: "root") == [])
        #expect(tree.ancestors(of: "nowhere") == nil)
        #expect(tree.isUnit("cell-a1x", inSubtreeOf: "province-a"))
        #expect(tree.isUnit("cell-a1x", inSubtreeOf: "root"))
        #expect(tree.isUnit("province-a", inSubtreeOf: "province-a"), "a unit is in its own subtree")
        #expect(!tree.isUnit("cell-a1x", inSubtreeOf: "province-b"))
        #expect(!tree.isUnit("province-a", inSubtreeOf: "cell-a1x"))
        #expect(!tree.isUnit("nowhere", inSubtreeOf: "root"))
        #expect(tree.children(of: "province-a").map(\.id) == ["commune-a1", "commune-a2"])
        #expect(tree.children(of: "province-a").map(\.depth) == [2, 2])
        let cell = tree.unit("cell-a1x")
        #expect(cell?.parentID == "commune-a1")
        #expect(cell?.name == "Chi bộ thôn X")
        #expect(cell?.kind == .cell)
        #expect(cell?.depth == 3)
        #expect(tree.unit("root")?.parentID == nil)
    }

    @Test func snapshotPagesInAnyOrderGiveTheSameTree() {
        let tree = OrgTree(units: sampleUnits.reversed(), sequence: 10)
        #expect(tree.ancestors(of: "cell-a1x") == ["root", "province-a", "commune-a1"])
        #expect(tree.children(of: "root").map(\.id) == ["province-a", "province-b"])
    }

    @Test func aCreatedUnitJoinsItsParentsSubtree() {
        let tree = sampleTree().applying([
            unitChange(11, .unitCreated, orgUnit("cell-b1y", parent: "commune-b1", name: "Chi bộ Y", kind: .cell)),
        ])
        #expect(tree.sequence == 11)
        #expect(tree.isUnit("cell-b1y", inSubtreeOf: "province-b"))
        #expect(tree.ancestors(of: "cell-b1y") == ["root", "province-b", "commune-b1"])
        #expect(tree.children(of: "commune-b1").map(\.id) == ["cell-b1y"])
    }

    @Test func movingAUnitTakesItsWholeSubtreeAlong() {
        // The feed records one change for the moved unit only; its cell follows.
        let tree = sampleTree().applying([
            unitChange(11, .unitMoved, orgUnit("commune-a1", parent: "province-b", name: "Xã A1", kind: .grassrootsCommittee)),
        ])
        #expect(tree.ancestors(of: "cell-a1x") == ["root", "province-b", "commune-a1"])
        #expect(tree.isUnit("cell-a1x", inSubtreeOf: "province-b"))
        #expect(!tree.isUnit("cell-a1x", inSubtreeOf: "province-a"))
        #expect(tree.children(of: "province-a").map(\.id) == ["commune-a2"])
        #expect(tree.children(of: "province-b").map(\.id) == ["commune-a1", "commune-b1"])
        #expect(tree.unit("cell-a1x")?.depth == 3)
    }

    @Test func aMoveUnderADeeperParentChangesTheDepthOfTheWholeSubtree() {
        let tree = sampleTree().applying([
            unitChange(11, .unitMoved, orgUnit("province-b", parent: "commune-a2", name: "Tỉnh B")),
        ])
        #expect(tree.unit("commune-b1")?.depth == 4)
        #expect(tree.ancestors(of: "commune-b1") == ["root", "province-a", "commune-a2", "province-b"])
    }

    @Test func aMergedUnitStillResolvesButIsInNoSubtree() {
        // Org moves the children of a merged unit to the target, then marks it MERGED.
        let tree = sampleTree().applying([
            unitChange(11, .unitMoved, orgUnit("cell-a1x", parent: "commune-a2", name: "Chi bộ thôn X", kind: .cell)),
            unitChange(12, .unitMergedInto, orgUnit("commune-a1", parent: "province-a", name: "Xã A1",
                                                    kind: .grassrootsCommittee, state: .merged, mergedInto: "commune-a2")),
        ])
        #expect(tree.unit("commune-a1")?.state == .merged)
        #expect(tree.ancestors(of: "commune-a1") == ["root", "province-a"], "history still resolves")
        #expect(!tree.isUnit("commune-a1", inSubtreeOf: "province-a"))
        #expect(!tree.isUnit("commune-a1", inSubtreeOf: "commune-a1"))
        #expect(tree.isUnit("cell-a1x", inSubtreeOf: "commune-a2"))
        #expect(tree.children(of: "province-a").map(\.id) == ["commune-a2"])
        #expect(tree.children(of: "commune-a1") == [])
    }

    @Test func aDissolvedUnitStillResolvesButIsInNoSubtree() {
        let tree = sampleTree().applying([
            unitChange(11, .unitDissolved, orgUnit("commune-b1", parent: "province-b", name: "Xã B1",
                                                   kind: .grassrootsCommittee, state: .dissolved)),
        ])
        #expect(tree.unit("commune-b1")?.state == .dissolved)
        #expect(tree.unit("commune-b1")?.isActive == false)
        #expect(!tree.isUnit("commune-b1", inSubtreeOf: "root"))
        #expect(tree.children(of: "province-b") == [])
    }

    @Test func aRenameChangesOnlyTheName() {
        let tree = sampleTree().applying([
            unitChange(11, .unitRenamed, orgUnit("commune-a2", parent: "province-a", name: "Phường A2",
                                                 kind: .grassrootsCommittee)),
        ])
        #expect(tree.unit("commune-a2")?.name == "Phường A2")
        #expect(tree.children(of: "province-a").map(\.name) == ["Phường A2", "Xã A1"])
        #expect(tree.isUnit("commune-a2", inSubtreeOf: "province-a"))
    }

    @Test func replayingABatchChangesNothing() {
        let batch = [
            unitChange(11, .unitCreated, orgUnit("cell-b1y", parent: "commune-b1", kind: .cell)),
            unitChange(12, .unitMoved, orgUnit("commune-a1", parent: "province-b", kind: .grassrootsCommittee)),
        ]
        let once = sampleTree().applying(batch)
        let twice = once.applying(batch)
        #expect(twice.sequence == 12)
        for id in sampleUnits.map(\.id) + ["cell-b1y"] {
            #expect(twice.unit(id) == once.unit(id))
            #expect(twice.children(of: id) == once.children(of: id))
        }
    }

    @Test func anOlderChangeNeverUndoesANewerOne() {
        let renamedTwice = sampleTree().applying([
            unitChange(11, .unitRenamed, orgUnit("commune-a2", parent: "province-a", name: "First")),
            unitChange(12, .unitRenamed, orgUnit("commune-a2", parent: "province-a", name: "Second")),
        ])
        let replayed = renamedTwice.applying([
            unitChange(11, .unitRenamed, orgUnit("commune-a2", parent: "province-a", name: "First")),
        ])
        #expect(replayed.unit("commune-a2")?.name == "Second")
    }

    @Test func followingTheFeedFromTheFirstPagesSequenceFixesPagesThatWereNewer() {
        // Page 1 was read at sequence 10; page 2 already shows change 11 (commune-a1
        // moved) and change 12 (it moved back); replaying 11 and 12 ends where org is.
        let moved = orgUnit("commune-a1", parent: "province-b", kind: .grassrootsCommittee)
        let movedBack = orgUnit("commune-a1", parent: "province-a", kind: .grassrootsCommittee)
        var pages = sampleUnits.filter { $0.id != "commune-a1" }
        pages.append(movedBack)
        let tree = OrgTree(units: pages, sequence: 10).applying([
            unitChange(11, .unitMoved, moved), unitChange(12, .unitMoved, movedBack),
        ])
        #expect(tree.ancestors(of: "cell-a1x") == ["root", "province-a", "commune-a1"])
        #expect(tree.children(of: "province-b").map(\.id) == ["commune-b1"])
    }

    @Test func applyingLeavesTheOriginalTreeAsItWas() {
        let original = sampleTree()
        _ = original.applying([unitChange(11, .unitMoved, orgUnit("commune-a1", parent: "province-b"))])
        #expect(original.sequence == 10)
        #expect(original.ancestors(of: "cell-a1x") == ["root", "province-a", "commune-a1"])
        #expect(original.children(of: "province-b").map(\.id) == ["commune-b1"])
    }

    @Test func aBrokenChainOfParentsPlacesAUnitNowhere() {
        let tree = OrgTree(units: [
            orgUnit("orphan", parent: "missing"),
            orgUnit("loop-a", parent: "loop-b"), orgUnit("loop-b", parent: "loop-a"),
        ], sequence: 1)
        #expect(tree.ancestors(of: "orphan") == nil)
        #expect(tree.ancestors(of: "loop-a") == nil)
        #expect(!tree.isUnit("loop-a", inSubtreeOf: "root"))
        #expect(tree.unit("loop-a")?.id == "loop-a")
    }

    @Test func aChangeWithoutItsUnitOnlyMovesThePosition() {
        var change = UnitChange()
        change.sequence = 11
        let tree = sampleTree().applying([change])
        #expect(tree.sequence == 11)
        #expect(tree.count == 7)
    }
}
