import CSQLite
import RPC
import Store

/// Turns the store errors a handler did not map itself into statuses a caller can
/// act on, instead of UNKNOWN: a duplicate key is ALREADY_EXISTS, a missing referenced
/// row FAILED_PRECONDITION, a busy or closing database UNAVAILABLE (safe to retry on
/// another replica). Handlers that can name the field still map errors themselves.
/// SQL text and codes stay out of the status; the logging interceptor records the type.
public struct StoreErrorInterceptor: ServerInterceptor {
    public init() {}

    public nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        do {
            return try await next(context)
        } catch let error as StoreError {
            throw Self.status(for: error) ?? error
        }
    }

    /// A synchronous handler answers from memory, never from the store: nothing to map.
    public func interceptSynchronously(_ context: CallContext, next: (CallContext) throws -> [UInt8]) throws -> [UInt8] {
        try next(context)
    }

    static func status(for error: StoreError) -> RPCError? {
        switch error.constraintViolation {
        case .unique, .primaryKey:
            return RPCError(.alreadyExists, "a record with the same key already exists")
        case .foreignKey:
            return RPCError(.failedPrecondition, "the change refers to a record that does not exist or is still referenced")
        case .check, .notNull, .other:
            return RPCError(.failedPrecondition, "the change breaks a rule of the stored data")
        case nil:
            break
        }
        let busy = error.kind == .sqlite && (error.primaryCode == SQLITE_BUSY || error.primaryCode == SQLITE_LOCKED)
        if error.kind == .closed || busy {
            return RPCError(.unavailable, "the service's database is busy or shutting down; try again")
        }
        return nil
    }
}
