/// New record ids (docs/architecture.md §5: opaque, stable strings): a prefix naming the kind of
/// record, then 26 characters of Crockford base32 holding the creation time in
/// milliseconds (48 bits) and 80 random bits, so ids sort by creation and never
/// collide across replicas without coordination (the ULID layout).
public enum RecordID {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// `prefix` is short and lower-case: "u" for a unit, "m" for a member.
    public static func make(_ prefix: String, nowMs: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        let time = UInt64(max(0, nowMs)) & 0xFFFF_FFFF_FFFF
        let high = UInt64.random(in: 0 ... 0xFFFF, using: &generator)  // 16 random bits
        let low = UInt64.random(in: .min ... .max, using: &generator)  // 64 random bits
        // 128 bits: time (48) | high (16) | low (64), written 5 bits at a time from the top.
        let upper = time << 16 | high
        var characters = [UInt8](repeating: 0, count: 26)
        for index in 0..<26 {
            // The bit offset of this character's lowest bit; the first holds only 3 bits.
            let shift = 125 - 5 * index
            let value: UInt64
            if shift >= 64 {
                value = upper >> UInt64(shift - 64)
            } else if shift > 59 {
                value = (upper << UInt64(64 - shift)) | (low >> UInt64(shift))
            } else {
                value = low >> UInt64(shift)
            }
            characters[index] = alphabet[Int(value & 0x1F)]
        }
        return prefix + "_" + String(decoding: characters, as: UTF8.self)
    }
}
