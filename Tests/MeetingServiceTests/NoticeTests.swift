import Foundation
import MeetingContracts
import RPC
import ServiceTestSupport
import Testing

/// Notices through the outbox: push to members who use the app, SMS to the others,
/// each notice once, only those a member wants, never at night, and the reminder the
/// day before (moved with the meeting).
@Suite struct NoticeTests {
    @Test func scheduledNoticesGoByPushOrSmsAndTheReminderComesTheDayBeforeUnlessTurnedOff() async throws {
        try await withMeetingBed { bed in
            let lan = bed.tree.member("Lan"), hung = bed.tree.member("Hung")
            // Lan uses the app; Hung turns reminders off (which also makes him an app user).
            var preferences = SetNoticePreferencesRequest()
            preferences.preferences = NoticePreferences()
            preferences.preferences?.scheduled = true
            preferences.preferences?.changes = true
            preferences.preferences?.reminders = true
            _ = try await bed.client.setNoticePreferences(preferences, options: try bed.member("Lan"))
            preferences.preferences?.reminders = false
            _ = try await bed.client.setNoticePreferences(preferences, options: try bed.member("Hung"))

            let meeting = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 10, 19, 30))
            let scheduled = try await bed.waitForNotices { lines in lines.filter { $0.contains("Lịch họp") }.count == 2 }
            #expect(scheduled.contains { $0.contains(" push \(lan.memberID) ") })
            #expect(scheduled.contains { $0.contains(" push \(hung.memberID) ") })
            #expect(!scheduled.contains { $0.contains(" sms ") }, "Mai has neither the app nor a phone")

            bed.setClock(2026, 3, 9, 8, 1)
            let reminded = try await bed.waitForNotices { lines in lines.contains { $0.contains("Nhắc lịch") } }
            let reminders = reminded.filter { $0.contains("Nhắc lịch") }
            #expect(reminders.count == 1 && reminders[0].contains(lan.memberID), "Hung asked for no reminders")
            #expect(reminders[0].hasPrefix("2026-03-09T01:01"), "delivered at 08:01 Vietnam time, the day before")
            _ = meeting
        }
    }

    @Test func aMemberWithoutTheAppIsToldBySmsOnceAndAMovedMeetingRemindsOnlyForTheNewDate() async throws {
        try await withMeetingBed { bed in
            let hung = bed.tree.member("Hung")
            let meeting = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 10, 19, 30))
            _ = try await bed.waitForNotices { lines in lines.contains { $0.contains(" sms \(hung.phone) ") } }
            var reschedule = RescheduleMeetingRequest()
            reschedule.meetingID = meeting.id
            reschedule.startsAtMS = MeetingBed.vietnam(2026, 3, 12, 19, 30)
            reschedule.reason = "Trùng lịch họp xã"
            _ = try await bed.client.rescheduleMeeting(reschedule, options: try bed.secretary())
            // Lan and Hung, by SMS (Mai has no phone).
            _ = try await bed.waitForNotices { lines in lines.filter { $0.contains("Đổi lịch họp") }.count == 2 }

            bed.setClock(2026, 3, 11, 9)
            let lines = try await bed.waitForNotices { lines in lines.filter { $0.contains("Nhắc lịch") }.count == 2 }
            let hungLines = lines.filter { $0.contains(hung.phone) }
            #expect(hungLines.filter { $0.contains("Lịch họp") }.count == 1)
            #expect(hungLines.filter { $0.contains("Đổi lịch họp") }.count == 1)
            let reminders = hungLines.filter { $0.contains("Nhắc lịch") }
            #expect(reminders.count == 1 && reminders[0].contains("12/03/2026"), "no reminder for the old date")
        }
    }

    @Test func aNoticeDecidedAtNightWaitsForTheMorning() async throws {
        try await withMeetingBed { bed in
            bed.setClock(2026, 3, 2, 22, 30)
            _ = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 10, 19, 30))
            bed.setClock(2026, 3, 3, 7, 5)
            let lines = try await bed.waitForNotices { lines in lines.filter { $0.contains("Lịch họp") }.count == 2 }
            // Delivered at 07:05 Vietnam time (00:05 UTC), not at 22:30 when it was decided.
            #expect(lines.filter { $0.contains("Lịch họp") }.allSatisfy { $0.hasPrefix("2026-03-03T00:05") })
        }
    }
}
