import RPCContracts
import Wire

/// Signs and verifies access tokens (docs/architecture.md §8): `v1.<key id>.<claims>.<signature>`
/// where claims is the base64url protobuf encoding of `AccessTokenClaims` and the
/// signature is HMAC-SHA256 over everything before the last dot. Auth signs; every
/// service verifies locally, so one implementation serves both.
public struct AccessTokenCodec: Sendable {
    static let version = "v1"
    /// Clocks of two machines in the data centre may disagree by this much.
    public static let allowedClockSkewMs: Int64 = 30_000
    /// The longest a token may live from issue to expiry: auth's access tokens, the
    /// longest-lived it signs. A stolen signing key, or a bug in a signer, cannot mint
    /// tokens that outlive a key rotation by much: every service refuses longer ones.
    public static let maxLifetimeMs: Int64 = 15 * 60 * 1000

    public let keyRing: TokenKeyRing

    public init(keyRing: TokenKeyRing) {
        self.keyRing = keyRing
    }

    public func sign(_ claims: AccessTokenClaims) throws -> String {
        let key = keyRing.signingKey
        let signedPart = "\(Self.version).\(key.id).\(Base64URL.encode(claims.wireEncoded()))"
        let signature = try HMACSHA256.authenticationCode(key: key.secret, message: Array(signedPart.utf8))
        return signedPart + "." + Base64URL.encode(signature)
    }

    /// The claims of a valid token; `nowMs` is the verifier's clock.
    /// The id of the key `token` names (`v1.<key id>.…`), unverified: for the audit
    /// log of a call whose token the interceptor has already verified.
    public static func keyID(of token: String) -> String? {
        let parts = token.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == version else { return nil }
        return String(parts[1])
    }

    public func verify(_ token: String, nowMs: Int64) throws(TokenError) -> AccessTokenClaims {
        // Split on the bytes: String.split works in Characters, which costs more than
        // the HMAC itself on every call of every service.
        let utf8 = token.utf8
        var dots: [String.Index] = []
        var index = utf8.startIndex
        while index < utf8.endIndex, dots.count <= 3 {
            if utf8[index] == UInt8(ascii: ".") { dots.append(index) }
            index = utf8.index(after: index)
        }
        guard dots.count == 3 else { throw .malformed }
        let part = { (from: String.Index, to: String.Index) in Substring(token.utf8[from..<to]) }
        guard part(token.startIndex, dots[0]) == Self.version else { throw .malformed }
        guard let key = keyRing.key(id: part(utf8.index(after: dots[0]), dots[1])) else { throw .unknownKey }
        guard let signature = Base64URL.decode(part(utf8.index(after: dots[2]), token.endIndex)),
              let payload = Base64URL.decode(part(utf8.index(after: dots[1]), dots[2])) else {
            throw .malformed
        }
        let expected: [UInt8]
        do {
            expected = try HMACSHA256.authenticationCode(key: key.secret, message: Array(utf8[..<dots[2]]))
        } catch {
            // OpenSSL refusing an HMAC is a fault of this process, not of the caller;
            // still, no token is accepted without a signature check.
            throw .badSignature
        }
        guard HMACSHA256.constantTimeEquals(signature, expected) else { throw .badSignature }
        let claims: AccessTokenClaims
        do {
            claims = try AccessTokenClaims(wireEncoded: payload)
        } catch {
            throw .malformed
        }
        guard claims.expiresAtMS + Self.allowedClockSkewMs > nowMs else { throw .expired }
        guard claims.issuedAtMS - Self.allowedClockSkewMs <= nowMs else { throw .notYetValid }
        guard claims.expiresAtMS - claims.issuedAtMS <= Self.maxLifetimeMs else { throw .tooLongLived }
        return claims
    }
}
