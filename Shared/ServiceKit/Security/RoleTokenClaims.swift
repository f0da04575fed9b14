import RPCContracts

extension AccessTokenClaims {
    /// Claims for a caller that is not a member: the operator CLI, or a service calling
    /// for itself. One grant of `role` with no unit (such roles are not about units), no
    /// session, valid for `lifetimeMs` from `nowMs`.
    public static func forRole(_ role: Role, callerID: String, nowMs: Int64, lifetimeMs: Int64) -> AccessTokenClaims {
        var claims = AccessTokenClaims()
        claims.memberID = callerID
        var grant = Grant()
        grant.role = role
        claims.grants = [grant]
        claims.issuedAtMS = nowMs
        claims.expiresAtMS = nowMs + lifetimeMs
        return claims
    }
}
