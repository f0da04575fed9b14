import MeetingContracts
import RPC

/// The dates of a recurring meeting: "the first Tuesday of every month, 19:30", for
/// up to a year, checked field by field.
enum MonthlyPlan {
    static let maxMonths = 12

    static func instants(_ recurrence: MonthlyRecurrence) throws(RPCError) -> [Int64] {
        guard let (year, month) = VietnamCalendar.parseMonth(recurrence.firstMonth) else {
            throw .invalidArgument(field: "monthly.first_month", "must be a month YYYY-MM")
        }
        guard (1...Int32(maxMonths)).contains(recurrence.months) else {
            throw .invalidArgument(field: "monthly.months", "must be 1–\(maxMonths)")
        }
        guard (1...7).contains(recurrence.weekday) else {
            throw .invalidArgument(field: "monthly.weekday", "must be 1 (Monday) – 7 (Sunday)")
        }
        guard (1...4).contains(recurrence.ordinal) || recurrence.ordinal == -1 else {
            throw .invalidArgument(field: "monthly.ordinal", "must be 1–4, or -1 for the last")
        }
        let minutes = try minutesOfDay(recurrence.timeOfDay, field: "monthly.time_of_day")
        return (0..<Int(recurrence.months)).map { offset in
            let index = (month - 1) + offset
            let day = VietnamCalendar.nthWeekday(Int(recurrence.weekday), ordinal: Int(recurrence.ordinal),
                                                 year: year + index / 12, month: index % 12 + 1)
            return VietnamCalendar.instant(day, minutes: minutes)
        }
    }

    /// Minutes past midnight of "HH:MM".
    static func minutesOfDay(_ text: String, field: String) throws(RPCError) -> Int {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard text.utf8.count == 5, parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes)
        else { throw .invalidArgument(field: field, "must be a time HH:MM") }
        return hours * 60 + minutes
    }
}
