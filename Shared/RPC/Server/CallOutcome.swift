import RPCContracts

/// How a handler's call ended, as it goes into the RESPONSE frame.
enum CallOutcome: Sendable {
    case response([UInt8])
    case failure(Status)

    static func failure(_ code: StatusCode, _ message: String) -> CallOutcome {
        .failure(RPCError(code, message).status)
    }
}
