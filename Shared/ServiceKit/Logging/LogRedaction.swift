/// Keys whose values never reach a log line: personal data (phone, citizen id, card
/// number, date of birth, address, email) and secrets (codes, tokens, keys).
///
/// Checked only for lines actually written, on the key's UTF-8 bytes with ASCII case
/// folding: keys are program-chosen ASCII names, and every sensitive part is ASCII, so
/// folding other bytes could not make a key match.
public enum LogRedaction {
    /// What a sensitive value is replaced with.
    public static let placeholder = "[redacted]"

    static let sensitiveKeyParts: [[UInt8]] = [
        "phone", "citizen", "card", "cccd", "cmnd", "birth", "email", "address",
        "code", "otp", "token", "secret", "password", "key", "authorization",
    ].map { Array($0.utf8) }

    /// Network facts, not personal data, though "peer_address" contains "address".
    static let exemptKeys: [[UInt8]] = ["peer", "peer_address"].map { Array($0.utf8) }

    public static func isSensitive(key: String) -> Bool {
        var key = key
        return key.withUTF8 { bytes in
            let folded = bytes.map(asciiLowercased)
            if exemptKeys.contains(folded) { return false }
            return sensitiveKeyParts.contains { part in contains(folded, part) }
        }
    }

    public static func redacted(key: String, value: String) -> String {
        isSensitive(key: key) ? placeholder : value
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
