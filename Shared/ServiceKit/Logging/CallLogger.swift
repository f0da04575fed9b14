import RPC

extension Logger {
    /// This logger with the call's request id and method on every line
    /// (docs/architecture.md §6), rendered only for lines actually written. A handler
    /// asks for it when it logs; a call whose handler never logs pays for nothing.
    public func forCall(_ context: CallContext) -> Logger {
        with(fields: { context.logFields })
    }
}

extension CallContext {
    /// The fields that tie a log line to this call.
    var logFields: [String: String] {
        ["request_id": requestID, "method": method]
    }
}
