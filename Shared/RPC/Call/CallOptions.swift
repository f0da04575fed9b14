/// Per-call settings for a client call: a timeout and extra metadata.
///
/// Built from a handler's `CallContext` with `CallOptions(parent:)`, a downstream call
/// carries the caller's remaining budget (never more) and its request id.
public struct CallOptions: Sendable {
    /// How long to wait; nil means the channel's default. Capped by `deadline`.
    public var timeout: Duration?
    /// An absolute limit, inherited from a parent call.
    public var deadline: Deadline?
    /// Sent with the request; keys must be lower-case.
    public var metadata: [String: String]

    public init(timeout: Duration? = nil, metadata: [String: String] = [:]) {
        self.timeout = timeout
        self.metadata = metadata
    }

    /// Options for a call made while handling `parent`: its deadline and request id
    /// carry over; `timeout` can only shorten the deadline.
    public init(parent: CallContext, timeout: Duration? = nil, metadata: [String: String] = [:]) {
        self.timeout = timeout
        self.deadline = parent.deadline
        self.metadata = metadata
        self.metadata[MetadataKey.requestID] = parent.requestID
    }

    /// The call's deadline: the earliest of the inherited deadline and the timeout
    /// (or `defaultTimeout` when neither is set).
    func effectiveDeadline(defaultTimeout: Duration) -> Deadline {
        let fromTimeout: Deadline? = timeout.map { Deadline.after($0) }
        switch (deadline, fromTimeout) {
        case let (inherited?, own?): return Swift.min(inherited, own)
        case let (inherited?, nil): return inherited
        case let (nil, own?): return own
        case (nil, nil): return .after(defaultTimeout)
        }
    }
}
