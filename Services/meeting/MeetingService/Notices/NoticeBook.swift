import MeetingContracts
import ServiceToolkit
import Store

/// Who gets which notice, on which channel, when: each member's preferences, who has
/// the app, and what each member was already given. Notices go into the outbox in the
/// write that decides them; a reminder is put there with its future due time, and
/// taken out again when the meeting moves or is cancelled.
struct NoticeBook {
    let connection: Connection
    let outbox: Outbox
    let nowMs: Int64

    static let defaults: NoticePreferences = {
        var preferences = NoticePreferences()
        preferences.scheduled = true
        preferences.changes = true
        preferences.reminders = true
        return preferences
    }()

    func preferences(of memberID: String) throws -> NoticePreferences {
        guard let row = try connection.queryOne(
            "SELECT scheduled, changes, reminders FROM notice_preferences WHERE member_id = ?", [memberID]) else {
            return Self.defaults
        }
        var preferences = NoticePreferences()
        preferences.scheduled = try row.get(0)
        preferences.changes = try row.get(1)
        preferences.reminders = try row.get(2)
        return preferences
    }

    func setPreferences(_ preferences: NoticePreferences, of memberID: String) throws {
        try connection.execute(
            """
            INSERT INTO notice_preferences (member_id, scheduled, changes, reminders) VALUES (?, ?, ?, ?)
            ON CONFLICT (member_id) DO UPDATE SET scheduled = excluded.scheduled, changes = excluded.changes,
                reminders = excluded.reminders
            """,
            [memberID, preferences.scheduled, preferences.changes, preferences.reminders])
    }

    /// Records that the member uses the app (they called with their own token).
    func markAppUser(_ memberID: String) throws {
        try connection.execute("INSERT OR IGNORE INTO app_users (member_id) VALUES (?)", [memberID])
    }

    /// Of `memberIDs`, those who have never used the app.
    func withoutApp(_ memberIDs: [String]) throws -> [String] {
        try memberIDs.filter { memberID in
            try connection.queryOne("SELECT 1 FROM app_users WHERE member_id = ?", [memberID]) == nil
        }
    }

    /// Sends `kind` about `meeting` to each member who wants it and has not had it:
    /// push to app users, SMS to the others with a phone (members with neither are
    /// told by their secretary). Never at night: a notice decided at night waits for
    /// the morning.
    func send(_ kind: NoticeKind, about meeting: Meeting, to memberIDs: [String], phones: [String: String],
              body: String? = nil) throws {
        let text = body ?? kind.body(meeting)
        let dueMs: Int64
        switch kind {
        case .reminder:
            guard let at = NoticeTiming.reminder(forMeetingAt: meeting.startsAtMS, nowMs: nowMs) else { return }
            dueMs = at
        default:
            dueMs = NoticeTiming.daytime(atOrAfter: nowMs)
        }
        for memberID in memberIDs where kind.wanted(by: try preferences(of: memberID)) {
            let alreadyGiven = try connection.queryOne(
                "SELECT 1 FROM notices WHERE meeting_id = ? AND member_id = ? AND notice = ?",
                [meeting.id, memberID, kind.key]) != nil
            if alreadyGiven { continue }
            let isAppUser = try connection.queryOne("SELECT 1 FROM app_users WHERE member_id = ?", [memberID]) != nil
            let channel: OutboxChannel
            let recipient: String
            if isAppUser {
                (channel, recipient) = (.push, memberID)
            } else if let phone = phones[memberID] {
                (channel, recipient) = (.sms, phone)
            } else {
                continue
            }
            let outboxID = try outbox.enqueue(channel, to: recipient, body: text, nowMs: nowMs, in: connection)
            try connection.execute("UPDATE outbox_messages SET next_attempt_at_ms = ? WHERE id = ?", [dueMs, outboxID])
            try connection.execute(
                "INSERT INTO notices (meeting_id, member_id, notice, outbox_id) VALUES (?, ?, ?, ?)",
                [meeting.id, memberID, kind.key, outboxID])
        }
    }

    /// Takes back the reminders of a meeting that moved or was cancelled: those not
    /// delivered yet are deleted from the outbox, and every member may be reminded of
    /// the new date.
    func withdrawReminders(of meetingID: String) throws {
        try connection.execute(
            """
            DELETE FROM outbox_messages WHERE id IN
                (SELECT outbox_id FROM notices WHERE meeting_id = ? AND notice = 'reminder')
            """,
            [meetingID])
        try connection.execute("DELETE FROM notices WHERE meeting_id = ? AND notice = 'reminder'", [meetingID])
    }
}
