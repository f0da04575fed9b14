import RPC
import ServiceKit

/// Seals card numbers, citizen ids and phone numbers at rest and computes their blind
/// index, with ServiceKit's `KeyRingSealer`.
///
/// Sealed values are bound to the member's id as associated data so a sealed value
/// cannot be copied onto another row. The first key of `SOTAY_ORG_DATA_KEY_FILE`
/// seals; every listed key opens, so keys can rotate. The lookup hash lets a card be
/// found without decrypting every row; rotating the first key therefore needs the
/// lookup column recomputed (docs/org.md).
struct MemberVault: Sendable {
    static let keyFileVariable = "SOTAY_ORG_DATA_KEY_FILE"

    private let sealer: KeyRingSealer

    init(keys: TokenKeyRing) throws {
        sealer = try KeyRingSealer(keys: keys, lookupLabel: "sotay.org.v1 lookup")
    }

    /// The keyed hash of a canonical value (`PersonalNumbers.normalized`); `purpose`
    /// keeps card numbers and citizen ids in separate spaces.
    func lookup(_ canonical: String, purpose: String) throws -> [UInt8] {
        try sealer.lookup(canonical, purpose: purpose)
    }

    func seal(_ value: String, memberID: String) throws -> [UInt8] {
        try sealer.seal(value, associatedData: memberID)
    }

    func open(_ sealed: [UInt8], memberID: String) throws -> String {
        try sealer.open(sealed, associatedData: memberID)
    }
}
