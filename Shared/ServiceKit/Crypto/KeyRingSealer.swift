/// Seals personal data at rest with the first key of a data key file and opens it with
/// any key listed, so keys rotate; and computes the blind index that finds a sealed
/// value without opening every row.
///
/// A sealed value is `<key id> 0x00 <AES-256-GCM box>`. The associated data (a row's
/// id, a field's name) is authenticated, so a sealed value cannot be copied onto
/// another row or into another field. The blind index is HMAC-SHA256 under a key
/// derived from the first key and `lookupLabel`; rotating the first key therefore
/// needs the index recomputed.
public struct KeyRingSealer: Sendable {
    private let keys: TokenKeyRing
    private let lookupKey: [UInt8]

    public init(keys: TokenKeyRing, lookupLabel: String) throws {
        // Fails at start, not at the first write, when the sealing key is not 32 bytes.
        _ = try AESGCM(key: keys.signingKey.secret)
        self.keys = keys
        lookupKey = try HMACSHA256.authenticationCode(key: keys.signingKey.secret, message: Array(lookupLabel.utf8))
    }

    /// The keyed hash of a canonical value; `purpose` keeps kinds of values (a card
    /// number, a phone) in separate spaces.
    public func lookup(_ canonical: String, purpose: String) throws -> [UInt8] {
        try HMACSHA256.authenticationCode(key: lookupKey, message: Array((purpose + "\u{0}" + canonical).utf8))
    }

    public func seal(_ value: String, associatedData: String) throws -> [UInt8] {
        let key = keys.signingKey
        let box = try AESGCM(key: key.secret).seal(Array(value.utf8), associatedData: Array(associatedData.utf8))
        return Array(key.id.utf8) + [0] + box
    }

    public func open(_ sealed: [UInt8], associatedData: String) throws -> String {
        guard let separator = sealed.firstIndex(of: 0),
              let key = keys.key(id: Substring(decoding: sealed[..<separator], as: UTF8.self)) else {
            throw CryptoError("sealed value names no known key")
        }
        let plain = try AESGCM(key: key.secret).open(Array(sealed[(separator + 1)...]),
                                                     associatedData: Array(associatedData.utf8))
        return String(decoding: plain, as: UTF8.self)
    }
}
