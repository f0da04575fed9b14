import RPC
import ServiceKit
import Store

/// Seals card numbers, citizen ids and phone numbers at rest and computes their blind
/// index, with ServiceKit's `KeyRingSealer`.
///
/// Sealed values are bound to the member's id as associated data so a sealed value
/// cannot be copied onto another row. The first key of `SOTAY_ORG_DATA_KEY_FILE`
/// seals; every listed key opens, so keys can rotate. The lookup hash lets a card be
/// found without decrypting every row; rotating the first key therefore needs the
/// lookup column recomputed (docs/org.md).
struct MemberVault: Sendable {
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

    /// A phone as the `phone` column keeps it: sealed (a BLOB), or "" for none. No
    /// lookup by phone exists, so no blind index is kept.
    func sealPhone(_ phone: String, memberID: String) throws -> any SQLValueConvertible {
        phone.isEmpty ? "" : try seal(phone, memberID: memberID)
    }

    /// The phone from the `phone` column. TEXT is what rows held before phones were
    /// sealed, and only until `ClearMemberPhones` runs at start.
    func openPhone(_ stored: SQLValue, memberID: String) throws -> String {
        switch stored {
        case .blob(let sealed): try open(sealed, memberID: memberID)
        case .text(let clear): clear
        case .null, .integer, .real: ""
        }
    }
}
