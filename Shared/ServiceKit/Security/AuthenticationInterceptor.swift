import RPC
import RPCContracts
import Store

/// Verifies the bearer token of every call and puts the caller's identity into the
/// context (`context.caller`), before any handler runs, and tells the store whom the
/// call's reads are for (`CallerIdentity.readFairnessKey`). Here rather than in an
/// interceptor of its own: a layer more costs every call a hop, Health/Check included,
/// and a call without a token (Health, auth's code requests, rate-limited apart) has
/// no caller to be fair to.
///
/// A call without a token is refused UNAUTHENTICATED unless its method is public
/// (Health/Check always is; a service lists its own, such as auth's "send me a code").
/// A token that is present but bad is refused on every method, public or not, so a
/// client learns at once that its token is no good.
public struct AuthenticationInterceptor: ServerInterceptor {
    public let tokens: AccessTokenCodec
    public let publicMethods: Set<String>
    public let clock: WallClock

    /// Whether the one method this copy guards (`specialized(for:)`) is public; nil in
    /// the general one, which looks the method up in `publicMethods` on each call.
    private let methodIsPublic: Bool?

    public init(tokens: AccessTokenCodec, publicMethods: Set<String> = [], clock: WallClock = .system) {
        self.tokens = tokens
        self.publicMethods = publicMethods.union([HealthMethod.check])
        self.clock = clock
        self.methodIsPublic = nil
    }

    private init(_ general: AuthenticationInterceptor, method: String) {
        tokens = general.tokens
        publicMethods = general.publicMethods
        clock = general.clock
        methodIsPublic = general.publicMethods.contains(method)
    }

    public func specialized(for method: String) -> any ServerInterceptor {
        AuthenticationInterceptor(self, method: method)
    }

    public nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        let context = try authenticated(context)
        guard let caller = context.caller else { return try await next(context) }
        return try await ReadFairness.$caller.withValue(caller.readFairnessKey(peer: context.peer)) {
            try await next(context)
        }
    }

    /// A synchronous handler reads nothing from the store, so it has no reads to be
    /// fair about.
    public func interceptSynchronously(_ context: CallContext, next: (CallContext) throws -> [UInt8]) throws -> [UInt8] {
        try next(authenticated(context))
    }

    /// The context with the caller's identity from a good token; unchanged for a public
    /// method called without one.
    private func authenticated(_ context: CallContext) throws(RPCError) -> CallContext {
        guard let header = context.metadata[MetadataKey.authorization] else {
            guard methodIsPublic ?? publicMethods.contains(context.method) else {
                throw RPCError(.unauthenticated, "this call needs an access token (authorization: Bearer <token>)")
            }
            return context
        }
        guard header.hasPrefix("Bearer ") else {
            throw RPCError(.unauthenticated, "the authorization metadata is not 'Bearer <token>'")
        }
        let claims: AccessTokenClaims
        do {
            claims = try tokens.verify(String(header.dropFirst("Bearer ".count)), nowMs: clock.nowMs)
        } catch {
            throw RPCError(.unauthenticated, error.message)
        }
        var context = context
        context.caller = CallerIdentity(claims: claims)
        return context
    }
}
