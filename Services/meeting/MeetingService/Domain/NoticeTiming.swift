/// When notices go out: never at night (21:00–07:00 Vietnam time, when a phone
/// buzzing wakes a household), and the reminder at 08:00 of the day before.
enum NoticeTiming {
    static let nightStartsMinutes = 21 * 60
    static let dayStartsMinutes = 7 * 60
    static let reminderMinutes = 8 * 60

    /// `ms` itself in the daytime; the next 07:00 at night.
    static func daytime(atOrAfter ms: Int64) -> Int64 {
        let minutes = Int(VietnamCalendar.timeOfDayMs(ms) / 60_000)
        if minutes >= dayStartsMinutes && minutes < nightStartsMinutes { return ms }
        let day = VietnamCalendar.day(ofMs: ms)
        let seven = VietnamCalendar.instant(day, minutes: dayStartsMinutes)
        return minutes < dayStartsMinutes ? seven : seven + VietnamCalendar.dayMs
    }

    /// 08:00 of the day before the meeting; nil when that has passed at `nowMs` (the
    /// scheduled or changed notice, sent now, already says the date).
    static func reminder(forMeetingAt startsAtMs: Int64, nowMs: Int64) -> Int64? {
        let dayBefore = VietnamCalendar.day(ofMs: startsAtMs - VietnamCalendar.dayMs)
        let at = VietnamCalendar.instant(dayBefore, minutes: reminderMinutes)
        return at > nowMs ? at : nil
    }
}
