import Foundation
import RPC

/// A calendar month of the monthly report, "YYYY-MM", in Vietnam's time like every
/// date of the suite (`ISODate.localOffsetMs`): a read at 23:30 UTC on 31 January
/// counts for February. Every service that counts by month reads the month here.
public struct ReportMonth: Sendable, Equatable {
    /// "YYYY-MM".
    public let text: String
    /// The month's first millisecond, and the next month's first (exclusive).
    public let startMs: Int64
    public let endMs: Int64

    /// The month as a request gives it, checked before any work: seven characters, a
    /// real month of `ISODate.years`; the error names `field`.
    public init(checking text: String, field: String = "month") throws(RPCError) {
        guard text.utf8.count == 7, let first = ISODate.components(text + "-01"), ISODate.years.contains(first.year) else {
            throw RPCError.invalidArgument(field: field, "must be a month written YYYY-MM")
        }
        self.text = text
        startMs = Self.startMs(year: first.year, month: first.month)
        endMs = first.month == 12 ? Self.startMs(year: first.year + 1, month: 1) : Self.startMs(year: first.year, month: first.month + 1)
    }

    /// The month the instant `nowMs` falls in.
    public static func of(nowMs: Int64) -> String {
        String(ISODate.today(nowMs: nowMs).prefix(7))
    }

    /// Whether the instant falls in the month.
    public func contains(_ ms: Int64) -> Bool { ms >= startMs && ms < endMs }

    private static func startMs(year: Int, month: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let midnight = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date(timeIntervalSince1970: 0)
        return Int64(midnight.timeIntervalSince1970 * 1000) - ISODate.localOffsetMs
    }
}
