import RPC
import Store

/// Tells the store who each call's reads are for (`ReadFairness`): the authenticated
/// member at the address the call came from (the address alone without a token).
/// Reads waiting for a reader are then served caller by caller, so one caller's flood
/// of expensive reads (issue 10: a thousand province-wide searches at once) delays
/// another caller's read by at most one of them per reader; a token used from two
/// places (a stolen one) is two callers. Runs after authentication, which sets the
/// caller.
public struct ReadFairnessInterceptor: ServerInterceptor {
    public init() {}

    public nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        try await ReadFairness.$caller.withValue(Self.key(for: context)) { try await next(context) }
    }

    /// "<member id>@<host>", the host being the peer's "ip:port" less the port: one
    /// client opening many connections is still one caller.
    static func key(for context: CallContext) -> String {
        let host = context.peer.lastIndex(of: ":").map { String(context.peer[..<$0]) } ?? context.peer
        guard let caller = context.caller else { return host }
        return caller.memberID + "@" + host
    }
}
