import RPCContracts

/// Answers "may this caller act with role R on unit U?" (docs/architecture.md §8): a grant on a
/// unit covers the unit's whole subtree. Every service asks this itself; the gateway
/// is not trusted to.
///
/// Roles are not ranked here: a check names every role that may do the thing
/// (`holdsAny([.editor, .administrator], on: unit)`), so that adding a role never
/// widens an existing right by accident.
public struct Rights: Sendable {
    public let grants: [Grant]

    public init(grants: [Grant]) {
        self.grants = grants
    }

    /// `unitAncestors` are the ids of `unitID`'s ancestors (from the tree replica).
    public func holds(_ role: Role, on unitID: String, unitAncestors: some Sequence<String>) -> Bool {
        holdsAny([role], on: unitID, unitAncestors: unitAncestors)
    }

    public func holdsAny(_ roles: Set<Role>, on unitID: String, unitAncestors: some Sequence<String>) -> Bool {
        let covering = Set(grants.lazy.filter { roles.contains($0.role) }.map(\.unitID))
        if covering.isEmpty { return false }
        if covering.contains(unitID) { return true }
        return unitAncestors.contains { covering.contains($0) }
    }
}
