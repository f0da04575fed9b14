import RPC
import RPCContracts

/// Verifies the bearer token of every call and puts the caller's identity into the
/// context (`context.caller`), before any handler runs.
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
        context.caller = CallerIdentity(claims: claims)
        return try await next(context)
    }
}
