import ContentContracts
import RPC
import ServiceToolkit

/// Content's part of the app's home screen: how many of the newest items the member
/// has not opened, and the newest of them as headlines.
struct ContentHomeHandlers: ContentHomeServiceHandler {
    let handlers: ContentHandlers
    /// How far back "unread" looks: the newest items a member may read.
    static let unreadWindow = 50
    static let headlines = 3

    func getHomeSummary(_ request: GetHomeSummaryRequest, context: CallContext) async throws -> HomeSummary {
        let access = try CallerAccess(context)
        let scope = handlers.readerScope(of: access, in: handlers.replica.tree)
        let unread = try await handlers.read { connection in
            try HomeQueries(connection: connection, scope: scope)
                .unreadHeadlines(memberID: access.caller.memberID, window: Self.unreadWindow)
        }
        var summary = HomeSummary()
        summary.unread = Int32(unread.count)
        summary.unreadWindow = Int32(Self.unreadWindow)
        summary.newestUnread = Array(unread.prefix(Self.headlines))
        return summary
    }
}
