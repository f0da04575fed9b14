/// Runs around every handler on the server: authentication, logging, metrics.
///
/// Interceptors run in the order given to `RPCServer`, the first outermost. One may
/// reject the call by throwing an `RPCError`, or pass a changed context on:
///
/// ```swift
/// struct AuthInterceptor: ServerInterceptor {
///     nonisolated(nonsending) func intercept(
///         _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
///     ) async throws -> [UInt8] {
///         guard let token = context.metadata[MetadataKey.authorization] else {
///             throw RPCError(.unauthenticated, "missing bearer token")
///         }
///         var context = context
///         context[VerifiedIdentityKey.self] = try verify(token)
///         return try await next(context)
///     }
/// }
/// ```
/// `next` returns the encoded response; a metrics interceptor times it and reads the
/// status from the `RPCError` it throws.
///
/// `intercept` and `next` are `nonisolated(nonsending)`: they run on whatever executor
/// the call already runs on (the connection's event loop) instead of hopping to the
/// generic executor on every entry and return. Each such hop asks the task for its
/// preferred executor under a lock; with three interceptors that was a third of a
/// served call's CPU.
public protocol ServerInterceptor: Sendable {
    nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8]
}
