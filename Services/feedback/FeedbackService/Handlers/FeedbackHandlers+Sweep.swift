import FeedbackContracts
import RPC
import ServiceKit
import ServiceToolkit

extension FeedbackHandlers {
    /// Operators (and the bench) run the sweep at once rather than waiting for the
    /// background round.
    func sweepOverdue(_ request: SweepOverdueRequest, context: CallContext) async throws -> SweepOverdueResponse {
        let access = try CallerAccess(context)
        guard access.caller.isOperator || access.isService else {
            throw RPCError(.permissionDenied, "only operators and the suite's services may run the sweep")
        }
        var response = SweepOverdueResponse()
        response.escalated = Int64(try await EscalationSweep(database: database, outbox: outbox)
            .run(tree: replica.tree, nowMs: clock.nowMs))
        deliverer.wake()
        return response
    }
}
