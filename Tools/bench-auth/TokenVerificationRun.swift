import Foundation
import RPCContracts
import ServiceKit

/// Access-token verifications per second on one core (`AccessTokenCodec.verify`: split,
/// base64url, HMAC, constant-time compare, protobuf decode, expiry), beside the raw
/// HMAC-SHA256 through OpenSSL over the same signed bytes with the same key: the
/// floor no verification can go below, so the figure reads as a ratio.
struct TokenVerificationRun {
    let seconds: Double

    struct Result {
        let verificationsPerSecond: Double
        let hmacsPerSecond: Double
        let tokenBytes: Int
    }

    func run() throws -> Result {
        let codec = AccessTokenCodec(keyRing: try TokenKeyRing(fileContents: try TokenKeyRing.newKeyLine(id: "k1")))
        let now = WallClock.system.nowMs
        let token = try codec.sign(Self.typicalClaims(nowMs: now))
        let signatureLength = token.split(separator: ".").last?.utf8.count ?? 0
        let signedPart = Array(token.utf8.prefix(token.utf8.count - signatureLength - 1))
        let key = codec.keyRing.signingKey.secret
        let verifications = try perSecond { _ = try codec.verify(token, nowMs: now) }
        let hmacs = try perSecond { _ = try HMACSHA256.authenticationCode(key: key, message: signedPart) }
        return Result(verificationsPerSecond: verifications, hmacsPerSecond: hmacs, tokenBytes: token.utf8.count)
    }

    /// A cell member's token: their unit under four ancestors, the member grant and one
    /// more, a session.
    static func typicalClaims(nowMs: Int64) -> AccessTokenClaims {
        var claims = AccessTokenClaims()
        claims.memberID = "m_01J9ZQ8K3V6X2W4Y5T7R8S9P0N"
        claims.unitID = "u_01J9ZQ8K3V6X2W4Y5T7R8S9P1A"
        claims.ancestorUnitIDs = (0..<4).map { "u_01J9ZQ8K3V6X2W4Y5T7R8S9P2\($0)" }
        claims.grants = [(Role.member, claims.unitID), (.cellSecretary, claims.unitID)].map { role, unit in
            var grant = Grant()
            grant.role = role
            grant.unitID = unit
            return grant
        }
        claims.sessionID = "s_01J9ZQ8K3V6X2W4Y5T7R8S9P3B"
        claims.issuedAtMS = nowMs
        claims.expiresAtMS = nowMs + 15 * 60 * 1000
        return claims
    }

    /// Repeats `operation` on this thread in batches until `seconds` have passed.
    private func perSecond(_ operation: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var done = 0
        while clock.now - start < .seconds(seconds) {
            for _ in 0..<1000 { try operation() }
            done += 1000
        }
        return Double(done) / ((clock.now - start) / .seconds(1))
    }
}
