/// Why the runtime cancelled a call's handler, as its context tells interceptors, so
/// that a call is counted and logged with the status its caller saw: a client that
/// gave up because its deadline passed sends CANCEL marked DEADLINE_EXCEEDED, often
/// before the server's own timer (started when the request was read, a little later)
/// fires. The server's call object answers it, so no allocation is added per call.
public protocol CallEnding: AnyObject, Sendable {
    /// The caller's deadline passed, as the server's timer or the caller's CANCEL said.
    var deadlineExceeded: Bool { get }
}
