import OrgContracts
import OrgTreeReplica

/// Staff agencies (office, boards, inspection commission) belong to committees: the
/// province, communes and blocs, grassroots committees. Cells and sub-committees have
/// none, so feedback from them goes to a committee above. Levels are found by kind,
/// never by depth: the tree is reorganised (docs/domain.md).
extension OrgTree {
    func hasAgencies(_ unitID: String) -> Bool {
        guard let unit = unit(unitID) else { return false }
        return unit.kind == .committee || unit.kind == .grassrootsCommittee
    }

    /// `unitID` and its ancestors, nearest first; the token's ancestors stand in when
    /// the replica does not know the unit yet (created seconds ago).
    func chain(from unitID: String, knownAncestors: [String] = []) -> [String] {
        [unitID] + (ancestors(of: unitID) ?? knownAncestors).reversed()
    }

    /// The committees from `unitID` upward (itself when it is one), nearest first.
    func committees(upFrom unitID: String, knownAncestors: [String] = []) -> [String] {
        chain(from: unitID, knownAncestors: knownAncestors).filter(hasAgencies)
    }

    /// The committee an overdue item at `unitID` escalates to; nil at the top.
    func committee(above unitID: String) -> String? {
        committees(upFrom: unitID).first { $0 != unitID }
    }
}
