import MeetingContracts

/// The notices a member may be sent about a meeting, and which preference each obeys.
enum NoticeKind: Sendable {
    case scheduled
    /// The n-th change of time or place.
    case changed(revision: Int64)
    case cancelled
    case reminder

    /// The notice's key in `notices`: a member gets each key once.
    var key: String {
        switch self {
        case .scheduled: "scheduled"
        case .changed(let revision): "changed:\(revision)"
        case .cancelled: "cancelled"
        case .reminder: "reminder"
        }
    }

    func wanted(by preferences: NoticePreferences) -> Bool {
        switch self {
        case .scheduled: preferences.scheduled
        case .changed, .cancelled: preferences.changes
        case .reminder: preferences.reminders
        }
    }

    /// The text, in Vietnamese as members read it.
    func body(_ meeting: Meeting, meetings count: Int = 1) -> String {
        let when = Self.format(meeting.startsAtMS)
        switch self {
        case .scheduled where count > 1:
            return "Chi bộ đã lên lịch \(count) cuộc họp; cuộc đầu tiên: \(meeting.title), \(when) tại \(meeting.place)."
        case .scheduled: return "Lịch họp: \(meeting.title), \(when) tại \(meeting.place)."
        case .changed: return "Đổi lịch họp: \(meeting.title), nay là \(when) tại \(meeting.place). Lý do: \(meeting.reason)"
        case .cancelled: return "Hủy cuộc họp: \(meeting.title) (\(when)). Lý do: \(meeting.reason)"
        case .reminder: return "Nhắc lịch: ngày mai \(meeting.title), \(when) tại \(meeting.place)."
        }
    }

    /// "19:30 ngày 06/01/2026", Vietnam time.
    static func format(_ ms: Int64) -> String {
        let day = VietnamCalendar.day(ofMs: ms)
        let minutes = VietnamCalendar.timeOfDayMs(ms) / 60_000
        return "\(pad(Int(minutes / 60))):\(pad(Int(minutes % 60))) ngày \(pad(day.day))/\(pad(day.month))/\(day.year)"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
