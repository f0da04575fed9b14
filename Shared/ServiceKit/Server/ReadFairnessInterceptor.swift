import RPC
import Store

/// Tells the store who each call's reads are for (`ReadFairness`): the authenticated
/// member, or for a call without a token the address it came from. Reads waiting for a
/// reader are then served caller by caller, so one caller's flood of expensive reads
/// (issue 10: a thousand province-wide searches at once) delays another caller's read
/// by at most one of them per reader. Runs after authentication, which sets the caller.
public struct ReadFairnessInterceptor: ServerInterceptor {
    public init() {}

    public nonisolated(nonsending) func intercept(
        _ context: CallContext, next: nonisolated(nonsending) (CallContext) async throws -> [UInt8]
    ) async throws -> [UInt8] {
        try await ReadFairness.$caller.withValue(Self.key(for: context)) { try await next(context) }
    }

    /// The member id, or the peer's host ("ip:port" less the port): one attacker
    /// opening many connections is still one caller.
    static func key(for context: CallContext) -> String {
        if let caller = context.caller { return caller.memberID }
        guard let colon = context.peer.lastIndex(of: ":") else { return context.peer }
        return String(context.peer[..<colon])
    }
}
