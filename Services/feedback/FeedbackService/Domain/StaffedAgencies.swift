import FeedbackContracts
import OrgTreeReplica

/// The agencies one member staffs, and what that lets them handle: the items of an
/// agency they staff, and of the same kind of agency of any committee below (the
/// province's inspection commission handles what its communes' inspection commissions
/// hold). Another kind of agency of the same committee is not theirs.
struct StaffedAgencies: Sendable {
    private let keys: Set<AgencyKey>

    init(_ keys: [AgencyKey]) {
        self.keys = Set(keys)
    }

    var isEmpty: Bool { keys.isEmpty }

    /// Whether the member staffs `agency` or the same kind of agency above it.
    func handles(_ agency: Agency, in tree: OrgTree) -> Bool {
        let kind = Int64(agency.kind.rawValue)
        return tree.chain(from: agency.unitID).contains { keys.contains(AgencyKey(unitID: $0, kind: kind)) }
    }

    /// An item is handled by its agency's staff (and those above it), and, once
    /// escalated, by the staff of the same kind of agency of the committee it was
    /// raised to.
    func handles(_ item: Item, in tree: OrgTree) -> Bool {
        if handles(item.owner, in: tree) { return true }
        guard !item.escalatedToUnitID.isEmpty else { return false }
        var raised = Agency()
        raised.unitID = item.escalatedToUnitID
        raised.kind = item.owner.kind
        return handles(raised, in: tree)
    }
}
