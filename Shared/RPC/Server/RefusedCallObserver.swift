import RPCContracts

/// Told about every call the runtime answers itself, before any interceptor or
/// handler runs: an unknown method (UNIMPLEMENTED), a limit (RESOURCE_EXHAUSTED), a
/// draining server (UNAVAILABLE). Interceptors never see these calls, so without this
/// a server's metrics would miss exactly the calls an operator most needs to see.
///
/// Called on an event loop thread: an implementation must be cheap and must not block.
public protocol RefusedCallObserver: Sendable {
    func callRefused(method: String, code: StatusCode)
}
