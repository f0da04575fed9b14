import Foundation
import RPCContracts
import ServiceBench
import ServiceKit

/// Tokens for the bench's editors, signed with the suite's key (auth grants roles only
/// through an administrator): the seeded member's claims with another member id, one
/// grant, and a lifetime long enough for the first run's load of the library (the
/// member's own access token expires in minutes).
struct StaffTokens {
    static let lifetimeMs: Int64 = 3 * 3_600_000

    let member: MemberSession
    let suite: BenchSuite

    func metadata(memberID: String, role: Role, on unitID: String) throws -> [String: String] {
        var claims = member.claims
        claims.memberID = memberID
        var grant = Grant()
        grant.role = role
        grant.unitID = unitID
        claims.grants = [grant]
        claims.expiresAtMS = WallClock.system.nowMs + Self.lifetimeMs
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: suite.keys.token.path))
        return ["authorization": "Bearer " + (try codec.sign(claims))]
    }
}
