import RPC

/// Put into every call's context by `CallObservingInterceptor`: the same object for
/// every call, so that a call whose handler never logs pays for no logger.
final class CallLoggerSource: Sendable {
    let base: Logger

    init(base: Logger) {
        self.base = base
    }
}

enum CallLoggerKey: CallContextKey {
    typealias Value = CallLoggerSource
}

extension CallContext {
    /// A logger whose lines carry this call's request id and method (docs/architecture.md §6),
    /// rendered only for lines actually written; nil when the server runs without
    /// `CallObservingInterceptor`.
    public var logger: Logger? {
        guard let source = self[CallLoggerKey.self] else { return nil }
        let call = self
        return source.base.with(fields: { call.logFields })
    }

    /// The fields that tie a log line to this call.
    var logFields: [String: String] {
        ["request_id": requestID, "method": method]
    }
}
