import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// Who may do what in the org service (DESIGN.md §8: every service checks rights
/// itself). Grants are checked against the unit's ancestors as stored here.
struct Access {
    static let treeEditors: Set<Role> = [.administrator, .committeeStaff]
    static let memberEditors: Set<Role> = [.administrator, .committeeStaff]
    /// Cell secretaries read their members' profiles (to act for members without a
    /// smartphone) but not their card number or citizen id.
    static let memberReaders: Set<Role> = [.administrator, .committeeStaff, .cellSecretary]
    static let personalDataReaders: Set<Role> = [.administrator, .committeeStaff]

    let caller: CallerIdentity

    init(_ context: CallContext) throws(RPCError) {
        caller = try context.requireCaller()
    }

    func holds(_ roles: Set<Role>, on unit: UnitRecord) -> Bool {
        caller.rights.holdsAny(roles, on: unit.id, unitAncestors: unit.ancestorIDs)
    }

    func require(_ roles: Set<Role>, on unit: UnitRecord, to action: String) throws(RPCError) {
        guard holds(roles, on: unit) else {
            throw RPCError(.permissionDenied, "you hold no grant on unit \(unit.id) that allows you to \(action)")
        }
    }

    var isService: Bool { caller.claims.grants.contains { $0.role == .service } }

    func requireService(to action: String) throws(RPCError) {
        guard isService else { throw RPCError(.permissionDenied, "only the suite's services may \(action)") }
    }

    func requireOperator(to action: String) throws(RPCError) {
        guard caller.isOperator else { throw RPCError(.permissionDenied, "only operators may \(action)") }
    }

    /// The scope of the caller's idempotency keys.
    var idempotencyScope: String { caller.memberID }
}
