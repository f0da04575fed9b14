import Foundation

/// The HMAC keys that sign and verify access tokens, read from `SOTAY_TOKEN_KEY_FILE`.
/// The same file format holds other secret keys (org's key for personal data at rest,
/// `SOTAY_ORG_DATA_KEY_FILE`): `variable` names the file in errors.
///
/// The file has one key per line, `<key id> <base64url key of at least 32 bytes>`;
/// `#` starts a comment. The FIRST key signs; every key listed verifies. To rotate:
/// put a new key on top (auth signs with it at once, tokens signed with the old one
/// still verify); once those tokens have expired, delete the old line to retire it.
public struct TokenKeyRing: Sendable {
    public struct Key: Sendable {
        public let id: String
        public let secret: [UInt8]
    }

    public let signingKey: Key
    private let keysByID: [String: Key]

    public static let minimumKeyLength = 32

    public init(keys: [Key], variable: String = "SOTAY_TOKEN_KEY_FILE") throws(ConfigError) {
        guard let first = keys.first else {
            throw ConfigError(variable: variable, problem: "lists no key")
        }
        signingKey = first
        keysByID = Dictionary(keys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func key(id: Substring) -> Key? { keysByID[String(id)] }

    /// Parses the key file's text; errors name the variable and the line.
    public init(fileContents: String, variable: String = "SOTAY_TOKEN_KEY_FILE") throws(ConfigError) {
        var keys: [Key] = []
        for (index, rawLine) in fileContents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty { continue }
            guard words.count == 2, words[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                  let secret = Base64URL.decode(words[1]) else {
                throw ConfigError(variable: variable, problem: "line \(index + 1) is not '<key id> <base64url key>'")
            }
            guard secret.count >= Self.minimumKeyLength else {
                throw ConfigError(variable: variable,
                                  problem: "key on line \(index + 1) is shorter than \(Self.minimumKeyLength) bytes")
            }
            keys.append(Key(id: String(words[0]), secret: secret))
        }
        try self.init(keys: keys, variable: variable)
    }

    public init(contentsOfFile path: String, variable: String = "SOTAY_TOKEN_KEY_FILE") throws(ConfigError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(variable: variable, problem: "cannot read '\(path)'")
        }
        try self.init(fileContents: text, variable: variable)
    }

    /// A key-file line with a fresh random key, for `sotay up` and rotation.
    public static func newKeyLine(id: String) throws -> String {
        "\(id) \(Base64URL.encode(try SecureRandom.bytes(32)))"
    }
}
