import ServiceKit

/// A canonical phone number ("+84912345678") with its blind index: `key` is what
/// every table stores and searches; `number` is what a message is sent to.
struct Phone: Sendable, Equatable {
    let number: String
    let key: String
}

/// Phones at rest (docs/architecture.md §8): no table holds a phone number in clear. Lookups
/// and rate limits go by the blind index, HMAC-SHA256 under a key derived from the
/// first key of `SOTAY_AUTH_DATA_KEY_FILE`; where auth needs the number back (the hint
/// shown to a member, the old phone told its account moved) it is sealed, bound to
/// its row. Rotating the first key needs the index recomputed, like org's card index.
struct PhoneVault: Sendable {
    private let sealer: KeyRingSealer

    init(keys: TokenKeyRing) throws {
        sealer = try KeyRingSealer(keys: keys, lookupLabel: "sotay.auth.v1 phone lookup")
    }

    /// `canonical` as `PhoneNumber.canonical` gives it. A key never starts with "+",
    /// so a row still holding a number in clear is told apart (`ClearPhones`).
    func phone(_ canonical: String) throws -> Phone {
        Phone(number: canonical, key: Base64URL.encode(try sealer.lookup(canonical, purpose: "phone")))
    }

    func seal(_ phone: Phone, row: String) throws -> [UInt8] {
        try sealer.seal(phone.number, associatedData: row)
    }

    func open(_ sealed: [UInt8], row: String) throws -> Phone {
        try phone(try sealer.open(sealed, associatedData: row))
    }
}
