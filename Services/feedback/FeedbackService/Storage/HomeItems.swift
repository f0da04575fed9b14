import FeedbackContracts
import Store

/// The home screen's feedback figures for one member, read through the member's index.
struct HomeItems {
    let connection: Connection

    /// The member's items still waiting for an answer or a decision.
    func waiting(memberID: String) throws -> Int {
        try connection.queryOne("SELECT count(*) FROM items WHERE member_id = ? AND is_open = 1", [memberID])?.get(0) ?? 0
    }

    /// The member's items first answered since `sinceMs`, newest answer first.
    func replies(memberID: String, sinceMs: Int64, limit: Int) throws -> [Reply] {
        try connection.query(
            """
            SELECT record, first_answered_at_ms FROM items WHERE member_id = ? AND first_answered_at_ms >= ?
            ORDER BY first_answered_at_ms DESC, id DESC LIMIT ?
            """, [memberID, sinceMs, Int64(limit)]
        ).map { row in
            let item = try Item(wireEncoded: try row.get(0, as: [UInt8].self))
            var reply = Reply()
            reply.itemID = item.id
            reply.title = item.title
            reply.answeredAtMS = try row.get(1)
            return reply
        }
    }
}
