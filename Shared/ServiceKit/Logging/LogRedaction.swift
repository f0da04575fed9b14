/// Keys whose values never reach a log line: personal data (phone, citizen id, card
/// number, date of birth, address, email) and secrets (codes, tokens, keys).
public enum LogRedaction {
    static let sensitiveKeyParts = [
        "phone", "citizen", "card", "cccd", "cmnd", "birth", "email", "address",
        "code", "otp", "token", "secret", "password", "key", "authorization",
    ]

    public static func isSensitive(key: String) -> Bool {
        let lowered = key.lowercased()
        // A request id is not a secret even though "request-id" has no sensitive part;
        // "peer" addresses are network facts, not personal data.
        if lowered == "peer" || lowered == "peer_address" { return false }
        return sensitiveKeyParts.contains { lowered.contains($0) }
    }

    public static func redacted(key: String, value: String) -> String {
        isSensitive(key: key) ? "[redacted]" : value
    }
}
