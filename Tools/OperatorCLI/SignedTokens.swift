import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// Tokens for any caller, signed with the suite's key file as auth would issue them:
/// what `sotay up`'s feedback demo and bench-feedback present. Each is signed when
/// asked, so a long run never presents an expired one.
public struct SignedTokens: Sendable {
    let codec: AccessTokenCodec

    public init(keyFile: String) throws {
        codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: keyFile))
    }

    public func options(_ memberID: String, _ grants: [(Role, String)], unitID: String = "", ancestors: [String] = [],
                        timeout: Duration? = nil) throws -> CallOptions {
        var claims = AccessTokenClaims.forRole(.member, callerID: memberID, nowMs: WallClock.system.nowMs,
                                               lifetimeMs: AccessTokenCodec.maxLifetimeMs)
        claims.grants = grants.map { role, unit in
            var grant = Grant()
            (grant.role, grant.unitID) = (role, unit)
            return grant
        }
        (claims.unitID, claims.ancestorUnitIDs) = (unitID, ancestors)
        return CallOptions(timeout: timeout, metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }
}

/// The parent links of org's tree snapshot, for a token's ancestor list.
public struct UnitParents: Sendable {
    private let parents: [String: String]

    public init(units: [OrgUnit]) {
        parents = Dictionary(units.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
    }

    /// Root first, parent last (a chain longer than 100 is cut: only a broken snapshot has one).
    public func ancestors(of unitID: String) -> [String] {
        var chain: [String] = []
        var current = parents[unitID] ?? ""
        while !current.isEmpty, chain.count < 100 {
            chain.insert(current, at: 0)
            current = parents[current] ?? ""
        }
        return chain
    }
}
