import RPC
import RPCContracts
import ServiceKit

/// The rights checks a handler makes (docs/architecture.md §8: every service checks rights
/// itself), built on the caller's verified grants. A refusal never names the unit or
/// says whether it exists: a caller without rights learns nothing about the target.
public struct CallerAccess: Sendable {
    public let caller: CallerIdentity

    /// UNAUTHENTICATED when the call carries no token.
    public init(_ context: CallContext) throws(RPCError) {
        caller = try context.requireCaller()
    }

    public init(caller: CallerIdentity) {
        self.caller = caller
    }

    public func holds(_ roles: Set<Role>, on unit: some UnitPlacement) -> Bool {
        caller.rights.holdsAny(roles, on: unit.id, unitAncestors: unit.ancestorIDs)
    }

    /// PERMISSION_DENIED unless the caller holds one of `roles` on `unit` or above it;
    /// `action` says what was refused ("rename it"), never which unit.
    public func require(_ roles: Set<Role>, on unit: some UnitPlacement, to action: String) throws(RPCError) {
        guard holds(roles, on: unit) else {
            throw RPCError(.permissionDenied, "you hold no grant that allows you to \(action)")
        }
    }

    /// Whether the caller is one of the suite's services (a service token).
    public var isService: Bool { caller.claims.grants.contains { $0.role == .service } }

    public func requireService(to action: String) throws(RPCError) {
        guard isService else { throw RPCError(.permissionDenied, "only the suite's services may \(action)") }
    }

    public func requireOperator(to action: String) throws(RPCError) {
        guard caller.isOperator else { throw RPCError(.permissionDenied, "only operators may \(action)") }
    }

    /// The scope of the caller's idempotency keys: two callers never share a key.
    public var idempotencyScope: String { caller.memberID }
}
