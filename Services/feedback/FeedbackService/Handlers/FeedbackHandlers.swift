import FeedbackContracts
import OrgTreeReplica
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

/// The feedback service's handlers: input checks, then rights, then the domain and
/// storage. The org tree comes from the replica; every status change notifies the
/// member through the outbox in the same transaction.
struct FeedbackHandlers: FeedbackServiceHandler, ClockedStorage {
    let database: Database
    let clock: WallClock
    let replica: OrgTreeReplica
    let outbox: Outbox
    let deliverer: OutboxDeliverer

    /// Who reads routing rules and runs surveys for a subtree (items are handled by
    /// agency staff: `StaffedAgencies`).
    static let staffRoles: Set<Role> = [.committeeStaff, .administrator]
    /// Who edits routing rules and appoints agency staff for a subtree.
    static let ruleEditors: Set<Role> = [.administrator]

    /// A write whose effects may have enqueued notices; the deliverer is woken after
    /// the commit (a rolled-back write notifies nobody).
    func writeAndNotify<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let result = try await write(body)
        deliverer.wake()
        return result
    }

    /// The unit `unitID` placed in the current tree, for a rights check.
    func placed(_ unitID: String, in tree: OrgTree) -> PlacedUnit {
        PlacedUnit(id: unitID, ancestorIDs: tree.ancestors(of: unitID) ?? [])
    }

    /// PERMISSION_DENIED unless the caller is staff of `unitID`'s subtree.
    func requireStaff(_ access: CallerAccess, of unitID: String, in tree: OrgTree, to action: String) throws(RPCError) {
        try access.require(Self.staffRoles, on: placed(unitID, in: tree), to: action)
    }

    /// PERMISSION_DENIED unless the caller staffs `agency` or the same kind of agency
    /// above it; read on `connection`, the call's own transaction.
    static func requireAgencyStaff(_ access: CallerAccess, of agency: Agency, in tree: OrgTree, connection: Connection,
                                   to action: String) throws {
        guard try staffed(access, in: connection).handles(agency, in: tree) else {
            throw RPCError(.permissionDenied, "you staff neither this agency nor one of its kind above it; you may not \(action)")
        }
    }

    /// An agency named in a request: a unit id of the right shape and a kind.
    static func checkedAgency(_ agency: Agency?, field: String) throws(RPCError) -> Agency {
        let agency = agency ?? Agency()
        _ = try RecordID.checked(agency.unitID, prefix: "u", field: "\(field).unit_id")
        guard agency.kind.label != nil else {
            throw RPCError.invalidArgument(field: "\(field).kind", "must be an agency kind")
        }
        return agency
    }
}
