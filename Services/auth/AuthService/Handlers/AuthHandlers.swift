import AuthContracts
import Foundation
import OrgTreeReplica
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

/// The auth service's handlers. Writes that decide a code or a refresh token return
/// their outcome and let the transaction commit before the handler answers an error,
/// so a wrong try or a reuse is never rolled back with the error.
struct AuthHandlers: AuthServiceHandler, ClockedStorage {
    let database: Database
    let directory: OrgDirectory
    let tree: OrgTreeReplica
    let issuer: TokenIssuer
    let hasher: CodeHasher
    /// Codes and notices are enqueued in the write that decides them and delivered
    /// after its commit.
    let outbox: Outbox
    let phones: PhoneVault
    let deliverer: OutboxDeliverer
    let codePolicy: CodePolicy
    let clock: WallClock
    /// TCP peers (the gateway) whose `client-address` metadata is believed.
    let trustedProxies: Set<String>

    static let publicMethods: Set<String> = [
        AuthServiceMethod.startRegistration, AuthServiceMethod.confirmRegistration,
        AuthServiceMethod.sendLoginCode, AuthServiceMethod.confirmLoginCode, AuthServiceMethod.refresh,
    ]

    /// A write that may have enqueued messages: the deliverer is woken once it has
    /// committed (never before, so a rolled-back write sends nothing).
    func writeAndDeliver<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let result = try await write(body)
        deliverer.wake()
        return result
    }

    /// The end user's address: the gateway's `client-address` when the call comes
    /// from a trusted proxy, the TCP peer's address otherwise.
    func clientAddress(_ context: CallContext) -> String {
        let peer = String(context.peer.split(separator: ":", omittingEmptySubsequences: false).dropLast()
            .joined(separator: ":").trimmingCharacters(in: CharacterSet(charactersIn: "[]")))
        if trustedProxies.contains(peer), let forwarded = context.metadata["client-address"], !forwarded.isEmpty {
            return String(forwarded.prefix(64))
        }
        return peer
    }

    /// The ancestors of `unitID`, from the tree replica, or from org when the replica
    /// does not know the unit yet (created seconds ago).
    func ancestors(of unitID: String, context: CallContext) async throws -> [String] {
        if let known = tree.ancestors(of: unitID) { return known }
        return try await directory.ancestors(of: unitID, context: context)
    }

    /// The caller, who must hold one of `roles` on `unitID` (a grant covers its subtree).
    func requireRole(_ roles: Set<Role>, on unitID: String, context: CallContext, to action: String) async throws
        -> CallerIdentity
    {
        let access = try CallerAccess(context)
        let unitID = try RecordID.checked(unitID, prefix: "u", field: "unit_id")
        try access.require(roles, on: PlacedUnit(id: unitID, ancestorIDs: try await ancestors(of: unitID, context: context)),
                           to: action)
        return access.caller
    }

    /// The caller, who must be an administrator of `memberID`'s unit in org. Rights
    /// come before existence: a member id that does not exist and one outside the
    /// caller's subtree get the same denial, which names no unit, and a caller who
    /// administers nothing is refused before anything is looked up.
    func requireAdministrator(of memberID: String, context: CallContext) async throws -> CallerIdentity {
        let caller = try context.requireCaller()
        let denied = RPCError(.permissionDenied, "member_id: not a member whose account you administer")
        guard caller.claims.grants.contains(where: { $0.role == .administrator }) else { throw denied }
        let unitID: String
        do {
            unitID = try await directory.member(memberID, context: context).unitID
        } catch let error as RPCError where error.code == .notFound {
            throw denied
        }
        let ancestors = try await self.ancestors(of: unitID, context: context)
        guard caller.rights.holds(.administrator, on: unitID, unitAncestors: ancestors) else { throw denied }
        return caller
    }

    /// The caller of a call that needs an open session (sessions and accounts): an
    /// access token of an ended session is refused here at once.
    func requireSession(_ context: CallContext) async throws -> CallerIdentity {
        let caller = try context.requireCaller()
        let open = try await read { connection, now in
            try SessionStore(connection: connection, nowMs: now, policy: issuer.policy).isOpen(caller.sessionID)
        }
        guard open else { throw RPCError(.unauthenticated, "the session has ended; log in again") }
        return caller
    }

    /// The member's current unit, ancestors and grants, for a token.
    func subject(memberID: String, context: CallContext) async throws -> TokenIssuer.Subject {
        let member = try await directory.member(memberID, context: context)
        let ancestors = try await ancestors(of: member.unitID, context: context)
        let grants = try await read { connection in try AccountRecord.grants(of: memberID, in: connection) }
        return TokenIssuer.Subject(memberID: memberID, unitID: member.unitID, ancestorIDs: ancestors, grants: grants)
    }
}
