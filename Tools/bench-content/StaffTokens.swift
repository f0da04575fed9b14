import Foundation
import RPCContracts
import ServiceBench
import ServiceKit

/// Tokens for the bench's editors, signed with the suite's key (auth grants roles only
/// through an administrator): the seeded member's claims with another member id and
/// one grant, issued now for the longest lifetime the suite accepts. A first run's load
/// of the library outlasts any token: it asks for a new one for every part.
struct StaffTokens: Sendable {
    let member: MemberSession
    let suite: BenchSuite

    func metadata(memberID: String, role: Role, on unitID: String) throws -> [String: String] {
        var claims = member.claims
        claims.memberID = memberID
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        claims.grants = [grant]
        claims.issuedAtMS = WallClock.system.nowMs
        claims.expiresAtMS = claims.issuedAtMS + AccessTokenCodec.maxLifetimeMs
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.keys.token.path))
        return ["authorization": "Bearer " + (try codec.sign(claims))]
    }
}
