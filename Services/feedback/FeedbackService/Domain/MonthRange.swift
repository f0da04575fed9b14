import Foundation
import RPC

/// A calendar month in Vietnam's time (UTC+7, no daylight saving), as statistics
/// count it: `YYYY-MM` to the first and last millisecond.
struct MonthRange: Sendable {
    static let vietnamOffsetMs: Int64 = 7 * 3_600_000
    let startMs: Int64
    let endMs: Int64

    init(_ text: String, field: String = "month") throws(RPCError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), (1900...2200).contains(year), (1...12).contains(month)
        else { throw RPCError.invalidArgument(field: field, "must be a month YYYY-MM") }
        startMs = Self.startMs(year: year, month: month)
        endMs = month == 12 ? Self.startMs(year: year + 1, month: 1) : Self.startMs(year: year, month: month + 1)
    }

    private static func startMs(year: Int, month: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let date = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date(timeIntervalSince1970: 0)
        return Int64(date.timeIntervalSince1970 * 1000) - vietnamOffsetMs
    }
}
