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
///         try await next(authenticated(context))
///     }
///
///     func interceptSynchronously(_ context: CallContext, next: (CallContext) throws -> [UInt8]) throws -> [UInt8] {
///         try next(authenticated(context))
///     }
///
///     private func authenticated(_ context: CallContext) throws -> CallContext {
///         guard let token = context.metadata[MetadataKey.authorization] else {
///             throw RPCError(.unauthenticated, "missing bearer token")
///         }
///         var context = context
///         context[VerifiedIdentityKey.self] = try verify(token)
///         return context
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
///
/// `interceptSynchronously` does the same for a method that answers without
/// suspending (`RPCMethod.synchronousUnary`, such as Health/Check): the server runs
/// those on the loop thread with no task, since a task costs more than the call.
/// Write what an interceptor does once, in helpers both entry points call.
public protocol ServerInterceptor: Sendable {
    nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8]

    func interceptSynchronously(_ context: CallContext, next: (CallContext) throws -> [UInt8]) throws -> [UInt8]

    /// The interceptor to run for calls to `method` (a path such as
    /// "/sotay.org.v1.OrgService/GetUnit"). The server asks once per method when it is
    /// made, so what depends only on the method (its metrics series, whether it is
    /// public) is looked up then rather than hashed on every call. Default: `self`.
    func specialized(for method: String) -> any ServerInterceptor
}

extension ServerInterceptor {
    public func specialized(for method: String) -> any ServerInterceptor { self }
}
