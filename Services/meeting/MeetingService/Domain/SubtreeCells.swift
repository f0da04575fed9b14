import OrgTreeReplica

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
