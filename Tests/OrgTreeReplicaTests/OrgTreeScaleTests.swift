import Foundation
import Glibc
import OrgContracts
import Testing
@testable import OrgTreeReplica
import ServiceToolkit
import ServiceKit

/// A tree of national size (docs/domain.md: about 350,000 units), built the way the
/// follower builds it (snapshot pages of 5,000), to check that answers stay right at
/// that size and to report what it holds in memory (see docs/org-tree-replica.md).
@Suite struct OrgTreeScaleTests {
    /// Units under each unit, level by level: 34 provinces, 100 communes or blocs
    /// each, 15 grassroots committees each, and 6 cells under most of those.
    static let fanOut = [34, 100, 15, 6]
    static let unitCount = 350_000

    @Test func aNationalTreeAnswersFromParentsAndReportsItsMemory() throws {
        let before = try residentBytes()
        var tree = OrgTree(sequence: 1)
        var page: [OrgUnit] = []
        var deepest = ""
        var index = 0
        // Depth first and generated as it goes, so that besides the tree only one
        // page of messages is alive; parents come before their children, as org's
        // ids (which start with the creation time) mostly do.
        func add(_ unit: OrgUnit, level: Int) {
            guard tree.count + page.count < Self.unitCount else { return }
            page.append(unit)
            if page.count == 5_000 { tree.insertPage(&page) }
            guard level < Self.fanOut.count else {
                deepest = unit.id
                return
            }
            for _ in 0..<Self.fanOut[level] {
                index += 1
                add(orgUnit(RecordID.make("u", nowMs: Int64(index)), parent: unit.id,
                            name: "Chi bộ thôn Khe Hóp số \(index)", kind: .cell), level: level + 1)
            }
        }
        add(orgUnit(RecordID.make("u", nowMs: 0), name: "Ban Chấp hành Trung ương"), level: 0)
        tree.insertPage(&page)
        let grown = try residentBytes() - before

        #expect(tree.count == Self.unitCount)
        let ancestors = try #require(tree.ancestors(of: deepest))
        #expect(ancestors.count == 4)
        #expect(tree.isUnit(deepest, inSubtreeOf: ancestors[1]))
        #expect(tree.children(of: ancestors[3]).contains { $0.id == deepest })
        // An upper bound: the resident set also keeps what malloc freed (the pages'
        // messages) without giving it back.
        print("org tree replica: \(tree.count) units grew the resident set by \(grown / 1_048_576) MiB "
              + "(\(grown / tree.count) bytes per unit)")
    }

    /// The process's resident set, from /proc/self/statm (its second field, in pages).
    private func residentBytes() throws -> Int {
        let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8).split(separator: " ")
        return try #require(statm.count > 1 ? Int(statm[1]) : nil) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

private extension OrgTree {
    mutating func insertPage(_ page: inout [OrgUnit]) {
        for unit in page { upsert(unit) }
        page.removeAll(keepingCapacity: true)
    }
}
