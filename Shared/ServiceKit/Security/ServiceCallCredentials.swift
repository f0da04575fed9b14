import RPC
import RPCContracts
import Synchronization

/// The bearer token a service presents when it calls another service for itself
/// rather than for a user (following org's tree feed, auth's card check): member id
/// "service:<name>", one grant of ROLE_SERVICE with no unit, a short lifetime.
///
/// The token is signed once and reused until it nears its expiry, then signed again,
/// so a caller can ask for options before every call at no cost.
public final class ServiceCallCredentials: Sendable {
    /// Short, because a token cannot be revoked before it expires.
    public static let lifetimeMs: Int64 = 5 * 60 * 1000
    /// A token this close to its expiry is replaced, so one that is still valid when
    /// a call leaves is still valid when the callee checks it.
    public static let renewalMarginMs: Int64 = 60 * 1000

    private struct SignedToken {
        let bearer: String
        let expiresAtMs: Int64
    }

    public let service: ServiceName
    private let tokens: AccessTokenCodec
    private let clock: WallClock
    private let current = Mutex<SignedToken?>(nil)

    public init(service: ServiceName, tokens: AccessTokenCodec, clock: WallClock = .system) {
        self.service = service
        self.tokens = tokens
        self.clock = clock
    }

    /// Options carrying a valid service token; signing fails only if OpenSSL does.
    public func callOptions(timeout: Duration? = nil) throws -> CallOptions {
        CallOptions(timeout: timeout, metadata: [MetadataKey.authorization: try bearer()])
    }

    private func bearer() throws -> String {
        let nowMs = clock.nowMs
        return try current.withLock { current in
            if let token = current, token.expiresAtMs - Self.renewalMarginMs > nowMs { return token.bearer }
            let claims = AccessTokenClaims.forRole(.service, callerID: "service:\(service.rawValue)", nowMs: nowMs,
                                                   lifetimeMs: Self.lifetimeMs)
            let token = SignedToken(bearer: "Bearer " + (try tokens.sign(claims)), expiresAtMs: claims.expiresAtMS)
            current = token
            return token.bearer
        }
    }
}

extension ServiceEnvironment {
    /// The credentials this service signs its own calls with (`service:<name>`), for
    /// the calls it makes for itself rather than for a caller.
    public var serviceCredentials: ServiceCallCredentials {
        ServiceCallCredentials(service: config.service, tokens: tokens, clock: clock)
    }
}
