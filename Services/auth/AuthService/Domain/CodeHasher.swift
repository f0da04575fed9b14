import ServiceKit

/// One-time codes are stored only as keyed hashes (HMAC-SHA256 under a key derived
/// from the suite's signing key): a six-digit code's plain hash could be reversed by
/// trying all million values. Rotating the signing key voids the codes outstanding
/// (they live five minutes). Refresh tokens, 32 random bytes, need no key: their
/// SHA-256 is kept (`refreshTokenDigest`), so rotation leaves sessions alone.
struct CodeHasher: Sendable {
    private let key: [UInt8]

    init(keys: TokenKeyRing) throws {
        key = try HMACSHA256.authenticationCode(key: keys.signingKey.secret, message: Array("sotay.auth.v1 secrets".utf8))
    }

    /// Bound to `context` (the code's id), so equal codes hash differently.
    func hash(_ secret: String, context: String) throws -> [UInt8] {
        try HMACSHA256.authenticationCode(key: key, message: Array((context + "\u{0}" + secret).utf8))
    }

    static func refreshTokenDigest(_ token: String) throws -> [UInt8] {
        try SHA256Digest.hash(token)
    }

    /// A fresh code of `digits` decimal digits, uniformly random.
    static func newCode(digits: Int) throws -> String {
        var code = ""
        for _ in 0..<digits { code += String(try SecureRandom.uniform(below: 10)) }
        return code
    }
}
