import RPCContracts
import Wire

/// One method of a service: its path and a handler over encoded messages.
public struct RPCMethod: Sendable {
    /// A handler over encoded payloads; the typed request and response stay inside.
    /// It runs on the executor of whoever calls it (the connection's loop), without a
    /// hop in or out: see `ServerInterceptor`.
    @usableFromInline
    typealias Handler = nonisolated(nonsending) @Sendable (_ payload: [UInt8], _ context: CallContext) async throws -> [UInt8]

    /// "/sotay.org.v1.OrgService/GetUnit".
    public let path: String
    @usableFromInline let handler: Handler

    @usableFromInline
    init(path: String, handler: @escaping Handler) {
        self.path = path
        self.handler = handler
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
            let request: Request
            do throws(WireDecodingError) {
                request = try Request(wireEncoded: payload)
            } catch {
                throw undecodableRequest(Request.self, error)
            }
            return try await body(request, context).wireEncoded()
        })
    }

    @usableFromInline
    static func undecodableRequest(_ type: Any.Type, _ error: WireDecodingError) -> RPCError {
        RPCError(.invalidArgument, "request is not a valid \(type): \(error)")
    }
}
