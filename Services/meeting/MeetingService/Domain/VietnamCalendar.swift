import Foundation

/// The calendar meetings live in: Vietnam time, UTC+7 all year (no daylight saving),
/// so months, weekdays, "the day before" and night are plain arithmetic on the offset.
enum VietnamCalendar {
    static let offsetMs: Int64 = 7 * 3_600_000
    static let dayMs: Int64 = 86_400_000

    /// A day of the Vietnamese calendar.
    struct Day: Hashable, Sendable {
        let year: Int
        let month: Int
        let day: Int
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// "YYYY-MM" of the instant, in Vietnam.
    static func monthKey(ofMs ms: Int64) -> String {
        let day = self.day(ofMs: ms)
        return monthKey(year: day.year, month: day.month)
    }

    static func monthKey(year: Int, month: Int) -> String {
        String(format: "%04d-%02d", year, month)
    }

    static func day(ofMs ms: Int64) -> Day {
        let date = Date(timeIntervalSince1970: Double(floorDiv(ms + offsetMs, 1000)))
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Milliseconds since midnight, Vietnam time.
    static func timeOfDayMs(_ ms: Int64) -> Int64 {
        let local = ms + offsetMs
        return local - floorDiv(local, dayMs) * dayMs
    }

    /// The instant of `minutes` past midnight of `day`, Vietnam time.
    static func instant(_ day: Day, minutes: Int) -> Int64 {
        let components = DateComponents(year: day.year, month: day.month, day: day.day)
        let midnight = Int64((calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970) * 1000
        return midnight - offsetMs + Int64(minutes) * 60_000
    }

    /// The number of days in a month.
    static func daysIn(year: Int, month: Int) -> Int {
        let components = DateComponents(year: year, month: month)
        guard let date = calendar.date(from: components),
              let range = calendar.range(of: .day, in: .month, for: date) else { return 28 }
        return range.count
    }

    /// ISO weekday of a day: 1 = Monday … 7 = Sunday.
    static func weekday(_ day: Day) -> Int {
        let days = floorDiv(instant(day, minutes: 0) + offsetMs, dayMs)
        // 1970-01-01 was a Thursday (4).
        return Int((days + 3) % 7 + 7) % 7 + 1
    }

    /// The `ordinal`-th (1–4, or -1 for the last) `weekday` of a month.
    static func nthWeekday(_ weekday: Int, ordinal: Int, year: Int, month: Int) -> Day {
        let first = Day(year: year, month: month, day: 1)
        let firstMatch = 1 + (weekday - self.weekday(first) + 7) % 7
        if ordinal > 0 { return Day(year: year, month: month, day: firstMatch + 7 * (ordinal - 1)) }
        var last = firstMatch
        while last + 7 <= daysIn(year: year, month: month) { last += 7 }
        return Day(year: year, month: month, day: last)
    }

    /// (year, month) of a well-formed "YYYY-MM" in 1900–2200.
    static func parseMonth(_ key: String) -> (Int, Int)? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        guard key.utf8.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]),
              (1900...2200).contains(year), (1...12).contains(month) else { return nil }
        return (year, month)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
