import Foundation
import RPC

/// Calendar dates as the contracts carry them: "YYYY-MM-DD" (a birth date is a date,
/// not an instant, so it is not milliseconds since the epoch). Only real dates pass
/// (no 1990-02-31; leap years counted); written dates compare as strings.
public enum ISODate {
    public static let years = 1900...2200
    /// Vietnam keeps one time zone (UTC+7) and no daylight saving: "today" for the
    /// people who type these dates.
    public static let localOffsetMs: Int64 = 7 * 3_600_000

    /// `text` when it is a real date (and not after `notAfter`, when given), "" when
    /// empty and not required; the error names `field`.
    public static func checked(_ text: String, field: String, required: Bool,
                               notAfter latest: String? = nil) throws(RPCError) -> String {
        if text.isEmpty {
            guard !required else { throw RPCError.invalidArgument(field: field, "is required (YYYY-MM-DD)") }
            return ""
        }
        guard text.utf8.count == 10, let parts = components(text) else {
            throw RPCError.invalidArgument(field: field, "must be a real date written YYYY-MM-DD")
        }
        guard years.contains(parts.year) else {
            throw RPCError.invalidArgument(field: field, "has a year outside \(years.lowerBound)–\(years.upperBound)")
        }
        if let latest, text > latest {
            throw RPCError.invalidArgument(field: field, "must not be after \(latest)")
        }
        return text
    }

    /// Refuses `later` when it falls before `earlier`; either may be empty (unknown).
    public static func requireOrder(_ earlier: (field: String, date: String),
                                    _ later: (field: String, date: String)) throws(RPCError) {
        guard earlier.date.isEmpty || later.date.isEmpty || earlier.date <= later.date else {
            throw RPCError.invalidArgument(field: later.field, "must not be before \(earlier.field)")
        }
    }

    /// Today's date in Vietnam at `nowMs`, for "not in the future" checks.
    public static func today(nowMs: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let local = Date(timeIntervalSince1970: Double(nowMs + localOffsetMs) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day], from: local)
        let (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Year, month and day of a valid date.
    public static func components(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
              pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]),
              (1...12).contains(month) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return (year, month, day)
    }
}
