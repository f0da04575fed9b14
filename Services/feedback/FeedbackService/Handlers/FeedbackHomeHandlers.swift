import FeedbackContracts
import RPC
import ServiceToolkit

/// Feedback's part of the app's home screen: the member's items still waiting, the
/// answers of the last 30 days, and the surveys open to them that they have not
/// answered.
struct FeedbackHomeHandlers: FeedbackHomeServiceHandler {
    let handlers: FeedbackHandlers
    static let replyWindowMs: Int64 = 30 * 86_400_000
    static let replies = 3
    /// Surveys looked at: more than a member is ever asked at once.
    static let surveyWindow = 20

    func getHomeSummary(_ request: GetHomeSummaryRequest, context: CallContext) async throws -> HomeSummary {
        let caller = try CallerAccess(context).caller
        let units = caller.unitID.isEmpty
            ? [] : handlers.replica.tree.chain(from: caller.unitID, knownAncestors: caller.claims.ancestorUnitIDs)
        return try await handlers.read { connection, now in
            let items = HomeItems(connection: connection)
            var summary = HomeSummary()
            summary.waiting = Int32(try items.waiting(memberID: caller.memberID))
            summary.replies = try items.replies(memberID: caller.memberID, sinceMs: now - Self.replyWindowMs, limit: Self.replies)
            let surveys = SurveyStore(connection: connection)
            summary.openSurveys = Int32(try surveys.open(on: units, nowMs: now, after: nil, limit: Self.surveyWindow)
                .filter { try !surveys.hasResponded($0.id, memberID: caller.memberID) }.count)
            return summary
        }
    }
}
