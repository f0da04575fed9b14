import ServiceToolkit

/// The limits of auth's inputs that are not names or free text (docs/toolkit.md):
/// checked before a code is compared or a token hashed.
enum AuthInputLimits {
    /// One-time codes are 6 digits; a little room for what people paste.
    static let code = TextLimit(maxCharacters: 16)
    /// Far above the refresh tokens auth gives out.
    static let maxRefreshTokenBytes = 512
}
