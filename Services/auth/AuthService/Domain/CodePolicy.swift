import ServiceKit

/// The rules for one-time codes (docs/architecture.md §8, issue: 6 digits, 5 minutes, 5 tries,
/// a resend cool-down, caps per phone and per client address per hour).
struct CodePolicy: Sendable {
    var digits = 6
    var validityMs: Int64 = 5 * 60 * 1000
    var maxFailedAttempts = 5
    var resendCooldownMs: Int64 = 60 * 1000
    var maxSendsPerPhonePerHour = 5
    var maxSendsPerAddressPerHour = 30
    /// Confirmations (right or wrong) per hour: five codes of five tries each for a
    /// phone, with room for typos; an address may serve a household or a shop.
    var maxConfirmationsPerPhonePerHour = 25
    var maxConfirmationsPerAddressPerHour = 60

    static let hourMs: Int64 = 60 * 60 * 1000
}

/// How long what auth issues lives. No access token outlives
/// `AccessTokenCodec.maxLifetimeMs`, which every service's check enforces.
struct TokenPolicy: Sendable {
    var accessLifetimeMs: Int64 = AccessTokenCodec.maxLifetimeMs
    var refreshLifetimeMs: Int64 = 30 * 24 * 60 * 60 * 1000
    var proxyLifetimeMs: Int64 = 10 * 60 * 1000
}
