import RPC
import ServiceKit

/// Seals card numbers and citizen ids at rest and computes their blind index.
///
/// Sealed values are `<key id> 0x00 <AES-256-GCM box>`, bound to the member's id as
/// associated data so a sealed value cannot be copied onto another row. The first key
/// of `SOTAY_ORG_DATA_KEY_FILE` seals; every listed key opens, so keys can rotate. The
/// lookup hash (HMAC-SHA256 with a key derived from the first key) lets a card be
/// found without decrypting every row; rotating the first key therefore needs the
/// lookup column recomputed (docs/org.md).
struct MemberVault: Sendable {
    static let keyFileVariable = "SOTAY_ORG_DATA_KEY_FILE"

    private let keys: TokenKeyRing
    private let lookupKey: [UInt8]

    init(keys: TokenKeyRing) throws {
        // Fails at start, not at the first write, when the sealing key is not 32 bytes.
        _ = try AESGCM(key: keys.signingKey.secret)
        self.keys = keys
        lookupKey = try HMACSHA256.authenticationCode(key: keys.signingKey.secret, message: Array("sotay.org.v1 lookup".utf8))
    }

    /// The keyed hash of a canonical value (`PersonalNumbers.normalized`); `purpose`
    /// keeps card numbers and citizen ids in separate spaces.
    func lookup(_ canonical: String, purpose: String) throws -> [UInt8] {
        try HMACSHA256.authenticationCode(key: lookupKey, message: Array((purpose + "\u{0}" + canonical).utf8))
    }

    func seal(_ value: String, memberID: String) throws -> [UInt8] {
        let key = keys.signingKey
        let box = try AESGCM(key: key.secret).seal(Array(value.utf8), associatedData: Array(memberID.utf8))
        return Array(key.id.utf8) + [0] + box
    }

    func open(_ sealed: [UInt8], memberID: String) throws -> String {
        guard let separator = sealed.firstIndex(of: 0),
              let key = keys.key(id: Substring(decoding: sealed[..<separator], as: UTF8.self)) else {
            throw CryptoError("sealed value names no known key")
        }
        let plain = try AESGCM(key: key.secret).open(Array(sealed[(separator + 1)...]), associatedData: Array(memberID.utf8))
        return String(decoding: plain, as: UTF8.self)
    }
}
