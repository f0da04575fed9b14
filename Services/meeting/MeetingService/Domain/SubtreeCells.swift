import OrgTreeReplica
import Synchronization

/// The active cells of a subtree, from the replica: the units a regular meeting is
/// expected of (a cell under a grassroots committee, or a grassroots cell).
enum SubtreeCells {
    static func of(_ rootID: String, in tree: OrgTree) -> [UnitSnapshot] {
        guard let root = tree.unit(rootID), root.isActive else { return [] }
        var cells: [UnitSnapshot] = []
        var stack = [root]
        while let unit = stack.popLast() {
            if unit.kind == .cell || unit.kind == .grassrootsCell { cells.append(unit) }
            stack += tree.children(of: unit.id)
        }
        return cells.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
}

/// The cells of the subtrees asked about, per version of the tree: the warning list and
/// the statistics of a large subtree are asked again and again on a meeting evening,
/// and the tree changes rarely. A new tree version empties the cache; so does a full one.
final class SubtreeCellCache: Sendable {
    static let capacity = 1_024

    private struct State {
        var sequence: Int64 = -1
        var cells: [String: [UnitSnapshot]] = [:]
    }

    private let state = Mutex(State())

    func cells(of rootID: String, in tree: OrgTree) -> [UnitSnapshot] {
        if let known = state.withLock({ $0.sequence == tree.sequence ? $0.cells[rootID] : nil }) { return known }
        let cells = SubtreeCells.of(rootID, in: tree)
        state.withLock { state in
            if state.sequence != tree.sequence || state.cells.count >= Self.capacity {
                state = State(sequence: tree.sequence)
            }
            state.cells[rootID] = cells
        }
        return cells
    }
}
