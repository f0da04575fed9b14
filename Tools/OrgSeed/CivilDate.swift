/// Dates as days since 1970-01-01, written YYYY-MM-DD: millions of birth and
/// admission dates are made per national run, so this skips Calendar and
/// DateFormatter (Howard Hinnant's civil-date algorithms, proleptic Gregorian).
struct CivilDate: Comparable, Sendable {
    var days: Int

    init(days: Int) { self.days = days }

    init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        days = era * 146_097 + dayOfEra - 719_468
    }

    var components: (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (era * 400 + yearOfEra + (month <= 2 ? 1 : 0), month, day)
    }

    /// The same day `years` later (29 February becomes 1 March in other years).
    func adding(years: Int) -> CivilDate {
        let (year, month, day) = components
        return month == 2 && day == 29 ? CivilDate(year: year + years, month: 3, day: 1)
            : CivilDate(year: year + years, month: month, day: day)
    }

    func adding(days more: Int) -> CivilDate { CivilDate(days: days + more) }

    var iso: String {
        let (year, month, day) = components
        return zeroPadded(year, width: 4) + "-" + zeroPadded(month, width: 2) + "-" + zeroPadded(day, width: 2)
    }

    static func < (left: CivilDate, right: CivilDate) -> Bool { left.days < right.days }
}
