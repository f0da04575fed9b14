import RPC
import RPCContracts
import ServiceKit

/// Access tokens for any caller, signed with the key file the services under test
/// verify with: the one place tests build claims.
public struct TestTokens: Sendable {
    public let codec: AccessTokenCodec
    public let clock: WallClock

    public init(keyFile path: String, clock: WallClock = .system) throws {
        codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: path))
        self.clock = clock
    }

    public static func grant(_ role: Role, _ unitID: String = "") -> Grant {
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        return grant
    }

    /// Claims for `memberID` of `unitID` (with its `ancestors`, root first) holding
    /// `grants`, valid for the longest lifetime the services accept.
    public func claims(_ memberID: String, grants: [Grant] = [], unitID: String = "", ancestors: [String] = [],
                       proxyFor proxied: String = "") -> AccessTokenClaims {
        var claims = AccessTokenClaims()
        claims.memberID = memberID
        claims.unitID = unitID
        claims.ancestorUnitIDs = ancestors
        claims.grants = grants
        claims.proxyMemberID = proxied
        claims.issuedAtMS = clock.nowMs
        claims.expiresAtMS = claims.issuedAtMS + AccessTokenCodec.maxLifetimeMs
        return claims
    }

    public func options(_ claims: AccessTokenClaims) throws -> CallOptions {
        CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }

    /// The signed token itself, for a test that sets its own metadata.
    public func token(_ memberID: String, _ grants: [Grant] = [], unitID: String = "") throws -> String {
        try codec.sign(claims(memberID, grants: grants, unitID: unitID))
    }

    /// Call options for `memberID` holding `grants`.
    public func options(_ memberID: String, _ grants: [Grant] = [], unitID: String = "",
                        ancestors: [String] = []) throws -> CallOptions {
        try options(claims(memberID, grants: grants, unitID: unitID, ancestors: ancestors))
    }

    /// A plain member of `unitID`: a member grant on their own unit, as auth issues.
    public func member(_ memberID: String, of unitID: String, ancestors: [String]) throws -> CallOptions {
        try options(memberID, [Self.grant(.member, unitID)], unitID: unitID, ancestors: ancestors)
    }

    public var asOperator: CallOptions { get throws { try options("operator", [Self.grant(.operator)]) } }

    /// A service calling for itself (`service:<name>`).
    public func asService(_ name: String) throws -> CallOptions {
        try options("service:\(name)", [Self.grant(.service)])
    }

    /// An administrator of `unitID`'s subtree.
    public func asAdmin(of unitID: String, memberID: String = "m_admin1") throws -> CallOptions {
        try options(memberID, [Self.grant(.administrator, unitID)])
    }
}
