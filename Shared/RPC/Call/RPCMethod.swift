import RPCContracts
import Wire

/// One method of a service: its path and a handler over encoded messages.
public struct RPCMethod: Sendable {
    /// A handler over encoded payloads; the typed request and response stay inside.
    /// It runs on the executor of whoever calls it (the connection's loop), without a
    /// hop in or out: see `ServerInterceptor`.
    @usableFromInline
    typealias Handler = nonisolated(nonsending) @Sendable (_ payload: [UInt8], _ context: CallContext) async throws -> [UInt8]
    /// A handler that answers without ever suspending (`synchronousUnary`).
    @usableFromInline
    typealias SynchronousHandler = @Sendable (_ payload: [UInt8], _ context: CallContext) throws -> [UInt8]

    /// "/sotay.org.v1.OrgService/GetUnit".
    public let path: String
    @usableFromInline let handler: Handler
    /// Set for a method that never suspends: the server then runs the call, its
    /// interceptors included, right on the connection's loop thread with no task at
    /// all (see `ServerInterceptor.interceptSynchronously`); `handler` runs the same
    /// body for everyone else.
    @usableFromInline let synchronousHandler: SynchronousHandler?

    @usableFromInline
    init(path: String, handler: @escaping Handler) {
        self.path = path
        self.handler = handler
        self.synchronousHandler = nil
    }

    @usableFromInline
    init(path: String, synchronousHandler: @escaping SynchronousHandler) {
        self.path = path
        self.handler = { payload, context in try synchronousHandler(payload, context) }
        self.synchronousHandler = synchronousHandler
    }

    /// A unary method: decode the request, run `body`, encode the response.
    ///
    /// A request that does not decode is answered INVALID_ARGUMENT naming the type and
    /// the damage, without running `body`: the caller sent bytes that are not the
    /// message the contract promises, which is bad input rather than a server fault.
    ///
    /// Inlinable so that decoding and encoding are specialized for the concrete
    /// message types in the generated code that calls it, not run through generics.
    @inlinable
    public static func unary<Request: WireMessage, Response: WireMessage>(
        path: String, _ body: nonisolated(nonsending) @escaping @Sendable (Request, CallContext) async throws -> Response
    ) -> RPCMethod {
        RPCMethod(path: path, handler: { payload, context in
            try await body(decodedRequest(payload), context).wireEncoded()
        })
    }

    /// A unary method whose body answers without suspending: from memory, never from
    /// the database or a peer. Served on the connection's loop thread with no task
    /// (a task costs more than such a call's own work), so a body that blocks would
    /// stall every connection of its loop: only for answers already at hand, such as
    /// Health/Check.
    @inlinable
    public static func synchronousUnary<Request: WireMessage, Response: WireMessage>(
        path: String, _ body: @escaping @Sendable (Request, CallContext) throws -> Response
    ) -> RPCMethod {
        RPCMethod(path: path, synchronousHandler: { payload, context in
            try body(decodedRequest(payload), context).wireEncoded()
        })
    }

    /// `payload` as a `Request`, or INVALID_ARGUMENT naming the type and the damage.
    @inlinable
    static func decodedRequest<Request: WireMessage>(_ payload: [UInt8]) throws(RPCError) -> Request {
        do throws(WireDecodingError) {
            return try Request(wireEncoded: payload)
        } catch {
            throw undecodableRequest(Request.self, error)
        }
    }

    @usableFromInline
    static func undecodableRequest(_ type: Any.Type, _ error: WireDecodingError) -> RPCError {
        RPCError(.invalidArgument, "request is not a valid \(type): \(error)")
    }
}
