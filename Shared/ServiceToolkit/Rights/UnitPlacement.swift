/// Where a unit sits in the tree, as a rights check needs it: its id and its
/// ancestors' ids. A service's own unit rows conform; a service that reads the tree
/// from the org-tree replica builds a `PlacedUnit`.
public protocol UnitPlacement {
    var id: String { get }
    var ancestorIDs: [String] { get }
}

public struct PlacedUnit: UnitPlacement, Sendable {
    public let id: String
    public let ancestorIDs: [String]

    public init(id: String, ancestorIDs: [String]) {
        self.id = id
        self.ancestorIDs = ancestorIDs
    }
}
