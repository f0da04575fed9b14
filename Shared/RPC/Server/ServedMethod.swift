/// A method as the server runs it: the handler inside every interceptor, the first
/// outermost, each specialized for the method. Composed once when the server is made,
/// so a call walks no interceptor list and copies no interceptor. A class, so that
/// finding it for a call is one reference count.
final class ServedMethod: Sendable {
    let path: String
    let run: RPCMethod.Handler
    /// Set when the method never suspends (`RPCMethod.synchronousUnary`).
    let runSynchronously: RPCMethod.SynchronousHandler?

    init(_ method: RPCMethod, interceptors: [any ServerInterceptor]) {
        path = method.path
        var run = method.handler
        var runSynchronously = method.synchronousHandler
        for interceptor in interceptors.reversed().map({ $0.specialized(for: method.path) }) {
            run = ServedMethod.wrap(run, in: interceptor)
            runSynchronously = runSynchronously.map { ServedMethod.wrap($0, in: interceptor) }
        }
        self.run = run
        self.runSynchronously = runSynchronously
    }

    private static func wrap(_ next: @escaping RPCMethod.Handler, in interceptor: any ServerInterceptor) -> RPCMethod.Handler {
        { payload, context in
            try await interceptor.intercept(context) { context in try await next(payload, context) }
        }
    }

    private static func wrap(_ next: @escaping RPCMethod.SynchronousHandler,
                             in interceptor: any ServerInterceptor) -> RPCMethod.SynchronousHandler {
        { payload, context in
            try interceptor.interceptSynchronously(context) { context in try next(payload, context) }
        }
    }
}
