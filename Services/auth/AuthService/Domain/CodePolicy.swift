/// The rules for one-time codes (DESIGN.md §8, issue: 6 digits, 5 minutes, 5 tries,
/// a resend cool-down, caps per phone and per client address per hour).
struct CodePolicy: Sendable {
    var digits = 6
    var validityMs: Int64 = 5 * 60 * 1000
    var maxFailedAttempts = 5
    var resendCooldownMs: Int64 = 60 * 1000
    var maxSendsPerPhonePerHour = 5
    var maxSendsPerAddressPerHour = 30

    static let hourMs: Int64 = 60 * 60 * 1000
}

/// How long what auth issues lives.
struct TokenPolicy: Sendable {
    var accessLifetimeMs: Int64 = 15 * 60 * 1000
    var refreshLifetimeMs: Int64 = 30 * 24 * 60 * 60 * 1000
    var proxyLifetimeMs: Int64 = 10 * 60 * 1000
}
