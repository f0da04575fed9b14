/// Runs around every handler on the server: authentication, logging, metrics.
///
/// Interceptors run in the order given to `RPCServer`, the first outermost. One may
/// reject the call by throwing an `RPCError`, or pass a changed context on:
///
/// ```swift
/// struct AuthInterceptor: ServerInterceptor {
///     func intercept(_ context: CallContext, next: (CallContext) async throws -> [UInt8]) async throws -> [UInt8] {
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
public protocol ServerInterceptor: Sendable {
    func intercept(
        _ context: CallContext, next: (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8]
}
