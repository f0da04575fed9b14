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

    public init(tokens: AccessTokenCodec, publicMethods: Set<String> = [], clock: WallClock = .system) {
        self.tokens = tokens
        self.publicMethods = publicMethods.union([HealthMethod.check])
        self.clock = clock
    }

    public nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        guard let header = context.metadata[MetadataKey.authorization] else {
            guard publicMethods.contains(context.method) else {
                throw RPCError(.unauthenticated, "this call needs an access token (authorization: Bearer <token>)")
            }
            return try await next(context)
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
        let caller = CallerIdentity(claims: claims)
        context.caller = caller
        return try await ReadFairness.$caller.withValue(caller.readFairnessKey(peer: context.peer)) {
            try await next(context)
        }
    }
}
