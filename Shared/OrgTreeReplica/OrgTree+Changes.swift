import OrgContracts

/// Building a tree from a snapshot and applying the change feed to it: pure functions
/// of their inputs, so they are tested without RPC.
///
/// Every change in the feed carries the unit's full state after the change, so
/// applying one is "upsert this unit", and replaying a change already reflected is
/// harmless.
extension OrgTree {
    /// The tree made of a snapshot's units (every page), at the sequence of its first page.
    public init(units: some Sequence<OrgUnit>, sequence: Int64) {
        self.init(sequence: sequence)
        for unit in units { upsert(unit) }
    }

    /// This tree with `changes` applied in order.
    ///
    /// Changes at or below `sequence` are skipped: they are already reflected, and
    /// replaying an older after-state over a newer one would undo the newer change.
    public func applying(_ changes: some Sequence<UnitChange>) -> OrgTree {
        var tree = self
        tree.apply(changes)
        return tree
    }

    mutating func apply(_ changes: some Sequence<UnitChange>) {
        for change in changes where change.sequence > sequence {
            // A change without its unit is malformed; it still moves the position, so
            // the feed is not asked for it again forever.
            if let unit = change.unit { upsert(unit) }
            sequence = change.sequence
        }
    }

    /// Stores `unit` in place of what the tree held under its id, and moves it between
    /// parents' child sets when its parent or state changed.
    mutating func upsert(_ unit: OrgUnit) {
        guard !unit.id.isEmpty else { return }
        let old = units[unit.id]
        // Reuse the string instances already stored for the unit's id and its parent's
        // id, so each id's characters are kept once however many places refer to it.
        let id = old?.id ?? unit.id
        let parentID = unit.parentID.isEmpty ? nil : units[unit.parentID]?.id ?? unit.parentID
        let new = UnitSnapshot(unit, id: id, parentID: parentID)
        if let old, old.isActive, let oldParentID = old.parentID {
            activeChildren.update(oldParentID) { children in
                children?.remove(id)
                if children?.isEmpty == true { children = nil }
            }
        }
        if new.isActive, let parentID {
            activeChildren.update(parentID) { children in
                children = children ?? []
                children?.insert(id)
            }
        }
        units[id] = new
    }
}
