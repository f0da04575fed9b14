import AuthContracts
import Foundation
import RPC
import RPCContracts
import ServiceKit
import Store

/// The auth service's handlers. Writes that decide a code or a refresh token return
/// their outcome and let the transaction commit before the handler answers an error,
/// so a wrong try or a reuse is never rolled back with the error.
struct AuthHandlers: AuthServiceHandler {
    let database: Database
    let directory: OrgDirectory
    let tree: OrgTreeReplica
    let issuer: TokenIssuer
    let hasher: CodeHasher
    let sms: any SMSSender
    let codePolicy: CodePolicy
    let clock: WallClock
    /// TCP peers (the gateway) whose `client-address` metadata is believed.
    let trustedProxies: Set<String>

    static let publicMethods: Set<String> = [
        AuthServiceMethod.startRegistration, AuthServiceMethod.confirmRegistration,
        AuthServiceMethod.sendLoginCode, AuthServiceMethod.confirmLoginCode, AuthServiceMethod.refresh,
    ]

    func write<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let now = clock.nowMs
        return try await database.submit { connection in try body(connection, now) }
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await database.read(body)
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
        let caller = try context.requireCaller()
        guard !unitID.isEmpty else { throw RPCError.invalidArgument(field: "unit_id", "is required") }
        let ancestors = try await ancestors(of: unitID, context: context)
        guard caller.rights.holdsAny(roles, on: unitID, unitAncestors: ancestors) else {
            throw RPCError(.permissionDenied, "you hold no grant on unit \(unitID.prefix(64)) that allows you to \(action)")
        }
        return caller
    }

    /// The caller of a call that needs an open session (sessions and accounts): an
    /// access token of an ended session is refused here at once.
    func requireSession(_ context: CallContext) async throws -> CallerIdentity {
        let caller = try context.requireCaller()
        let now = clock.nowMs
        let open = try await read { connection in
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
