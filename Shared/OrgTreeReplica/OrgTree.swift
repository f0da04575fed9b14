import OrgContracts

/// The unit tree as it stood at one position of org's change feed: an immutable value
/// that `OrgTreeReplica` swaps as a whole, so whoever holds one sees a consistent tree
/// (never half a batch) for as long as they keep it.
///
/// Only parent ids are stored; ancestors and depths are found by walking parents, a
/// few steps in a real tree, so a move of a large subtree changes one entry.
public struct OrgTree: Sendable {
    /// A walk longer than this means the parents form a cycle, which only a corrupted
    /// feed could produce; such a unit is treated as outside every subtree.
    static let maximumDepth = 1_000

    /// The position in org's change feed that this tree reflects.
    public internal(set) var sequence: Int64
    var units = ShardedTable<UnitSnapshot>()
    /// The active children of each unit, by parent id. Only active units are indexed:
    /// they make up the tree as it is now.
    var activeChildren = ShardedTable<Set<String>>()

    /// An empty tree at `sequence`.
    public init(sequence: Int64 = 0) {
        self.sequence = sequence
    }

    /// Units known, merged and dissolved ones included.
    public var count: Int { units.count }

    /// The unit with `id` in any state, or nil when the tree has never held it.
    public func unit(_ id: String) -> UnitSnapshot? {
        guard var unit = units[id] else { return nil }
        _ = walkAncestors(of: unit) { _ in
            unit.depth += 1
            return true
        }
        return unit
    }

    /// The ids of the unit's ancestors, root first and parent last (empty for the
    /// root); nil when the unit is unknown or its chain of parents is broken.
    public func ancestors(of id: String) -> [String]? {
        guard let unit = units[id] else { return nil }
        var ancestors: [String] = []
        let complete = walkAncestors(of: unit) { parent in
            ancestors.append(parent.id)
            return true
        }
        return complete ? ancestors.reversed() : nil
    }

    /// Whether `id` is `rootID` or lies under it, both being active units. A merged or
    /// dissolved unit is in no subtree, and has none, though `unit(_:)` still finds it.
    public func isUnit(_ id: String, inSubtreeOf rootID: String) -> Bool {
        guard let unit = units[id], unit.isActive, units[rootID]?.isActive == true else { return false }
        if id == rootID { return true }
        var found = false
        _ = walkAncestors(of: unit) { parent in
            found = parent.id == rootID
            return !found
        }
        return found
    }

    /// The active units directly under `id`, by name (then id, for equal names).
    public func children(of id: String) -> [UnitSnapshot] {
        guard let childIDs = activeChildren[id], let parent = unit(id) else { return [] }
        return childIDs.compactMap { childID in
            var child = units[childID]
            child?.depth = parent.depth + 1
            return child
        }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// Calls `visit` with each ancestor of `unit`, parent first, until it returns false.
    /// Answers false when the chain is broken: a parent the tree does not hold, or a
    /// walk past `maximumDepth`.
    private func walkAncestors(of unit: UnitSnapshot, _ visit: (UnitSnapshot) -> Bool) -> Bool {
        var parentID = unit.parentID
        var steps = 0
        while let id = parentID {
            guard steps < Self.maximumDepth, let parent = units[id] else { return false }
            guard visit(parent) else { return true }
            parentID = parent.parentID
            steps += 1
        }
        return true
    }
}
