import RPC
import ServiceToolkit

/// Months of the monthly report, in Vietnam's time like every date of the suite
/// (`ISODate.today`): a read at 23:30 UTC on 31 January counts for February.
enum ReportMonth {
    /// "YYYY-MM" of the instant `nowMs`.
    static func of(nowMs: Int64) -> String {
        String(ISODate.today(nowMs: nowMs).prefix(7))
    }

    /// A month as the request gives it, checked as a real month.
    static func checked(_ text: String, field: String) throws(RPCError) -> String {
        let month = try TextInput.checked(text, field: field, limit: TextLimit(maxCharacters: 7))
        _ = try ISODate.checked(month + "-01", field: field, required: true)
        return month
    }
}
