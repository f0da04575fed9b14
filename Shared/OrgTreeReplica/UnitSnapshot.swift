import OrgContracts

/// One unit as the replica knows it: what other services need to place a unit in the
/// tree and show it, and nothing more, so that a national tree stays small in memory.
public struct UnitSnapshot: Sendable, Hashable {
    public let id: String
    /// Nil for the root.
    public let parentID: String?
    public let name: String
    public let kind: UnitKind
    /// `.unspecified` for units that are not cells.
    public let cellType: CellType
    /// Merged and dissolved units are kept so that old ids still resolve.
    public let state: UnitState
    /// 0 for the root. Derived from the parents the replica holds rather than taken
    /// from the feed, because a move records one change for the moved unit only while
    /// the depth of its whole subtree changes. The tree stores units with 0 here and
    /// sets it when it hands one out.
    public internal(set) var depth = 0

    /// `id` and `parentID` are passed apart from `unit` so that the tree can hand in
    /// string instances it already stores (see `OrgTree.upsert`).
    init(_ unit: OrgUnit, id: String, parentID: String?) {
        self.id = id
        self.parentID = parentID
        name = unit.name
        kind = unit.kind
        cellType = unit.cellType
        state = unit.state
    }

    public var isActive: Bool { state == .active }
}
