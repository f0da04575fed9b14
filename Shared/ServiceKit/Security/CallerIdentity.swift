import RPC
import RPCContracts

/// Who is calling, as a verified access token says: the member, their unit and its
/// ancestors, and their grants. Put into the call context by `AuthenticationInterceptor`.
public struct CallerIdentity: Sendable, Hashable {
    public let claims: AccessTokenClaims

    public init(claims: AccessTokenClaims) {
        self.claims = claims
    }

    public var memberID: String { claims.memberID }
    public var unitID: String { claims.unitID }
    public var sessionID: String { claims.sessionID }
    /// The cell secretary acting for `memberID`, when this is a proxy token; services
    /// record it beside the member with whatever the call does.
    public var proxyMemberID: String? { claims.proxyMemberID.isEmpty ? nil : claims.proxyMemberID }
    public var rights: Rights { Rights(grants: claims.grants) }

    /// Whether the caller holds the operator role (servers, not units' data).
    public var isOperator: Bool { claims.grants.contains { $0.role == .operator } }
}

enum CallerIdentityKey: CallContextKey {
    typealias Value = CallerIdentity
}

extension CallContext {
    /// The caller's verified identity; nil on a public method called without a token.
    public internal(set) var caller: CallerIdentity? {
        get { self[CallerIdentityKey.self] }
        set { self[CallerIdentityKey.self] = newValue }
    }

    /// The caller's identity, or UNAUTHENTICATED for a handler that needs one.
    public func requireCaller() throws(RPCError) -> CallerIdentity {
        guard let caller else { throw RPCError(.unauthenticated, "this call needs an access token") }
        return caller
    }
}
