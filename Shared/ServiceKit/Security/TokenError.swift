/// Why an access token was refused. Every case means UNAUTHENTICATED to the caller;
/// the cases differ so that logs and tests can tell them apart.
public enum TokenError: Error, Hashable, Sendable {
    /// Not `v1.<key id>.<claims>.<signature>`, or claims that do not decode.
    case malformed
    /// Signed with a key id this service does not know (or one that was retired).
    case unknownKey
    /// The signature does not match: the token was altered or forged.
    case badSignature
    /// Past its expiry (beyond the allowed clock skew).
    case expired
    /// Issued in the future (beyond the allowed clock skew).
    case notYetValid
    /// Valid for longer than any signer of the suite issues (`AccessTokenCodec.maxLifetimeMs`).
    case tooLongLived

    public var message: String {
        switch self {
        case .malformed: "access token is malformed"
        case .unknownKey: "access token was signed with an unknown key"
        case .badSignature: "access token signature is invalid"
        case .expired: "access token has expired"
        case .notYetValid: "access token is not valid yet"
        case .tooLongLived: "access token is valid for longer than the suite issues"
        }
    }
}
