import RPCContracts

/// The server's method table, each handler already wrapped in the interceptor chain,
/// and the mapping of whatever a call returns or throws to a `CallOutcome`.
final class CallDispatcher: Sendable {
    private let methods: [String: ServedMethod]
    /// Names Health/Check knows, registered services and Health itself.
    let serviceNames: Set<String>

    init(services: [any RPCService], interceptors: [any ServerInterceptor]) {
        var methods: [String: ServedMethod] = [:]
        var names: Set<String> = []
        for service in services {
            names.insert(service.serviceName)
            for method in service.methods {
                precondition(methods[method.path] == nil, "method \(method.path) registered twice")
                methods[method.path] = ServedMethod(method, interceptors: interceptors)
            }
        }
        self.methods = methods
        self.serviceNames = names
    }

    func method(for path: String) -> ServedMethod? {
        methods[path]
    }

    /// Runs a call through the interceptors and the handler, on the caller's executor
    /// (see `ServerInterceptor` for why nothing on the call path hops).
    nonisolated(nonsending) func run(_ method: ServedMethod, payload: [UInt8], context: CallContext) async -> CallOutcome {
        do {
            return .response(try await method.run(payload, context))
        } catch {
            return CallDispatcher.failure(error)
        }
    }

    /// `run` for a method that never suspends, through the interceptors' synchronous
    /// entry points: on the loop thread, with no task.
    func runSynchronously(_ run: RPCMethod.SynchronousHandler, payload: [UInt8], context: CallContext) -> CallOutcome {
        do {
            return .response(try run(payload, context))
        } catch {
            return CallDispatcher.failure(error)
        }
    }

    /// What the caller is told of a thrown error. Errors that are not statuses become
    /// UNKNOWN with a fixed message: their text may hold internals.
    private static func failure(_ error: any Error) -> CallOutcome {
        switch error {
        case let error as RPCError: .failure(error.status)
        case is CancellationError: .failure(.cancelled, "the call was cancelled")
        default: .failure(.unknown, "the server failed to handle the call")
        }
    }
}
