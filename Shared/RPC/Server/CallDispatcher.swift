import RPCContracts

/// The server's method table and interceptor chain: finds the handler for a path and
/// turns whatever it returns or throws into a `CallOutcome`.
final class CallDispatcher: Sendable {
    private let handlers: [String: RPCMethod.Handler]
    /// Names Health/Check knows, registered services and Health itself.
    let serviceNames: Set<String>
    private let interceptors: [any ServerInterceptor]

    init(services: [any RPCService], interceptors: [any ServerInterceptor]) {
        var handlers: [String: RPCMethod.Handler] = [:]
        var names: Set<String> = []
        for service in services {
            names.insert(service.serviceName)
            for method in service.methods {
                precondition(handlers[method.path] == nil, "method \(method.path) registered twice")
                handlers[method.path] = method.handler
            }
        }
        self.handlers = handlers
        self.serviceNames = names
        self.interceptors = interceptors
    }

    func handler(for path: String) -> RPCMethod.Handler? {
        handlers[path]
    }

    /// Runs the interceptors and the handler, on the caller's executor (see
    /// `ServerInterceptor` for why nothing on the call path hops). Errors that are not
    /// statuses become UNKNOWN with a fixed message: their text may hold internals.
    nonisolated(nonsending) func run(_ handler: RPCMethod.Handler, payload: [UInt8], context: CallContext) async -> CallOutcome {
        do {
            if interceptors.isEmpty {
                return .response(try await handler(payload, context))
            }
            return .response(try await runChain(from: 0, handler: handler, payload: payload, context: context))
        } catch let error as RPCError {
            return .failure(error.status)
        } catch is CancellationError {
            return .failure(.cancelled, "the call was cancelled")
        } catch {
            return .failure(.unknown, "the server failed to handle the call")
        }
    }

    private nonisolated(nonsending) func runChain(
        from index: Int, handler: RPCMethod.Handler, payload: [UInt8], context: CallContext
    ) async throws -> [UInt8] {
        guard index < interceptors.count else { return try await handler(payload, context) }
        return try await interceptors[index].intercept(context) { context in
            try await runChain(from: index + 1, handler: handler, payload: payload, context: context)
        }
    }
}
