import ContentContracts
import OrgTreeReplica
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

/// The content service's handlers: input checks, then rights, then the domain.
struct ContentHandlers: ContentServiceHandler, ClockedStorage {
    let database: Database
    let clock: WallClock
    let replica: OrgTreeReplica
    let attachmentFiles: AttachmentFiles

    /// The same answer for an item that does not exist and one the caller may not see.
    static let notFound = RPCError(.notFound, "item_id: no such item that you may see")

    /// What the caller reads: their unit's items and those of the units above it, as
    /// the tree stands (the token's ancestors when the replica does not know the unit
    /// yet); everything readable for a service. An operator, with no unit, reads nothing.
    func readerScope(of access: CallerAccess, in tree: OrgTree) -> ReaderScope {
        if access.isService { return ReaderScope(unitIDs: nil) }
        let unitID = access.caller.unitID
        guard !unitID.isEmpty else { return ReaderScope(unitIDs: []) }
        let above = tree.ancestors(of: unitID) ?? access.caller.claims.ancestorUnitIDs
        return ReaderScope(unitIDs: above + [unitID])
    }

    func placement(of unitID: String, in tree: OrgTree) -> PlacedUnit {
        PlacedUnit(id: unitID, ancestorIDs: tree.ancestors(of: unitID) ?? [])
    }

    /// The item, when the caller holds one of `roles` on its unit. Rights before
    /// existence: a caller who cannot read the item gets `notFound` whether or not it
    /// exists; one who can read it but not act on it is told so.
    func requireItem(_ itemID: String, roles: Set<Role>, access: CallerAccess, tree: OrgTree, to action: String,
                     in connection: Connection) throws -> ItemRecord {
        guard let record = try ItemRecord.find(itemID, in: connection) else { throw Self.notFound }
        if access.holds(roles, on: placement(of: record.item.unitID, in: tree)) { return record }
        if isReadable(record, by: readerScope(of: access, in: tree)) {
            throw RPCError(.permissionDenied, "you hold no grant that allows you to \(action)")
        }
        throw Self.notFound
    }

    func isReadable(_ record: ItemRecord, by scope: ReaderScope) -> Bool {
        (record.item.state == .published || record.item.state == .archived) && scope.sees(unitID: record.item.unitID)
    }

    /// The item as `access` may read it: readable by anyone in its audience, and in any
    /// state by the unit's staff.
    func readableItem(_ itemID: String, access: CallerAccess, tree: OrgTree, in connection: Connection) throws
        -> ItemRecord
    {
        guard let record = try ItemRecord.find(itemID, in: connection),
              isReadable(record, by: readerScope(of: access, in: tree))
                || access.holds(ContentRoles.staff, on: placement(of: record.item.unitID, in: tree)) else {
            throw Self.notFound
        }
        return record
    }
}
