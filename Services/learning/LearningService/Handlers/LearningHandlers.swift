import LearningContracts
import OrgTreeReplica
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

/// The learning service's handlers. Rights (Services/learning/README.md): committee
/// staff and administrators manage programs, banks and quizzes for their subtree; a
/// member sees what targets their unit's subtree; secretaries, staff and
/// administrators read statistics of their subtree. Rights come before existence:
/// what a caller may not see is "not found", exactly as what does not exist.
struct LearningHandlers: LearningServiceHandler {
    /// The service's SQLite file or the PostgreSQL database its replicas share.
    let storage: any SQLEngine
    let clock: WallClock
    let tree: OrgTreeReplica
    let memberCounts: OrgMemberCounts

    /// Runs a write with the time it happens at, read once (every row a request writes
    /// carries the same instant; tests move time through the clock). The body may run
    /// again when it loses a race with another replica (`SQLEngine`).
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession, Int64) throws -> T) async throws -> T {
        let now = clock.nowMs
        return try await storage.write { session in try body(session, now) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await storage.read(body)
    }

    static let managers: Set<Role> = [.committeeStaff, .administrator]
    static let statisticsReaders: Set<Role> = [.committeeStaff, .administrator, .cellSecretary]

    /// PERMISSION_DENIED, naming nothing, unless the caller holds one of `roles` on
    /// `unitID` or above it; an unknown unit is refused the same way.
    func require(_ roles: Set<Role>, on unitID: String, field: String, context: CallContext, to action: String)
        throws -> CallerAccess
    {
        let access = try CallerAccess(context)
        let unitID = try RecordID.checked(unitID, prefix: "u", field: field)
        let ancestors = tree.ancestors(of: unitID)
        guard let ancestors, tree.unit(unitID)?.isActive == true else {
            throw RPCError(.permissionDenied, "you hold no grant that allows you to \(action)")
        }
        try access.require(roles, on: PlacedUnit(id: unitID, ancestorIDs: ancestors), to: action)
        return access
    }

    /// Whether the caller manages `unitID` (without throwing).
    func manages(_ access: CallerAccess, unitID: String) -> Bool {
        guard let ancestors = tree.ancestors(of: unitID) else { return false }
        return access.holds(Self.managers, on: PlacedUnit(id: unitID, ancestorIDs: ancestors))
    }

    /// Whether the caller's own unit is `targetUnitID` or under it (from the token's
    /// claims, so a member's own calls need no tree lookup).
    static func isTargeted(_ caller: CallerIdentity, by targetUnitID: String) -> Bool {
        caller.unitID == targetUnitID || caller.claims.ancestorUnitIDs.contains(targetUnitID)
    }

    static func notFound(_ what: String, field: String) -> RPCError {
        RPCError(.notFound, "\(field): no such \(what)")
    }

    /// A window given as open and close times: both set, the close after the open.
    static func checkWindow(opensAtMs: Int64, closesAtMs: Int64, prefix: String = "") throws(RPCError) {
        guard opensAtMs > 0 else { throw RPCError.invalidArgument(field: prefix + "opens_at_ms", "is required") }
        guard closesAtMs > opensAtMs else {
            throw RPCError.invalidArgument(field: prefix + "closes_at_ms", "must be after opens_at_ms")
        }
    }
}
