import AuthContracts
import RPCContracts
import ServiceKit

/// Signs access tokens (docs/architecture.md §8) with ServiceKit's signer: the member, their
/// unit and its ancestors, their grants (with the member role on their own unit),
/// the session, and a short expiry.
struct TokenIssuer: Sendable {
    let tokens: AccessTokenCodec
    let policy: TokenPolicy

    struct Subject: Sendable {
        let memberID: String
        let unitID: String
        let ancestorIDs: [String]
        let grants: [Grant]
    }

    func accessToken(for subject: Subject, sessionID: String, nowMs: Int64) throws -> (token: String, expiresAtMs: Int64) {
        var claims = Self.claims(for: subject, grants: subject.grants, nowMs: nowMs, lifetimeMs: policy.accessLifetimeMs)
        claims.sessionID = sessionID
        return (try tokens.sign(claims), claims.expiresAtMS)
    }

    /// The claims every token of `subject` carries: their unit and its ancestors, the
    /// member role on their own unit beside `grants`, and the validity.
    private static func claims(for subject: Subject, grants: [Grant], nowMs: Int64, lifetimeMs: Int64) -> AccessTokenClaims {
        var claims = AccessTokenClaims()
        claims.memberID = subject.memberID
        claims.unitID = subject.unitID
        claims.ancestorUnitIDs = subject.ancestorIDs
        var member = Grant()
        member.role = .member
        member.unitID = subject.unitID
        claims.grants = [member] + grants
        claims.issuedAtMS = nowMs
        claims.expiresAtMS = nowMs + lifetimeMs
        return claims
    }

    /// A token for a cell secretary acting for a member without a smartphone: the
    /// member's identity with no grant beyond the member role, and the secretary's id.
    func proxyToken(for subject: Subject, secretaryID: String, nowMs: Int64) throws -> ProxyToken {
        var claims = Self.claims(for: subject, grants: [], nowMs: nowMs, lifetimeMs: policy.proxyLifetimeMs)
        claims.proxyMemberID = secretaryID
        var proxy = ProxyToken()
        proxy.accessToken = try tokens.sign(claims)
        proxy.expiresAtMS = claims.expiresAtMS
        return proxy
    }

    func pair(for subject: Subject, session: SessionStore.Opened, nowMs: Int64) throws -> TokenPair {
        let access = try accessToken(for: subject, sessionID: session.sessionID, nowMs: nowMs)
        var pair = TokenPair()
        pair.accessToken = access.token
        pair.accessExpiresAtMS = access.expiresAtMs
        pair.refreshToken = session.refreshToken
        pair.refreshExpiresAtMS = session.refreshExpiresAtMs
        pair.sessionID = session.sessionID
        pair.memberID = subject.memberID
        return pair
    }
}
