import Foundation
import MeetingContracts
import RPC
import RPCContracts
import ServiceTestSupport
import Testing

/// The secretary's calendar: a year of monthly meetings in one call, rescheduling and
/// cancelling with a reason, the states, and input that is refused whole.
@Suite struct SchedulingTests {
    @Test func aSecretarySchedulesAYearOfFirstTuesdaysAt1930InOneCall() async throws {
        try await withMeetingBed { bed in
            var recurrence = MonthlyRecurrence()
            recurrence.firstMonth = "2026-04"
            recurrence.months = 12
            recurrence.weekday = 2
            recurrence.ordinal = 1
            recurrence.timeOfDay = "19:30"
            var request = ScheduleMeetingsRequest()
            request.cellID = bed.tree.cellA
            request.template = MeetingBed.template()
            request.when = .monthly(recurrence)
            request.idempotencyKey = "year-2026"
            let list = try await bed.client.scheduleMeetings(request, options: try bed.secretary())
            let expectedDays = [(2026, 4, 7), (2026, 5, 5), (2026, 6, 2), (2026, 7, 7), (2026, 8, 4), (2026, 9, 1),
                                (2026, 10, 6), (2026, 11, 3), (2026, 12, 1), (2027, 1, 5), (2027, 2, 2), (2027, 3, 2)]
            #expect(list.meetings.map(\.startsAtMS) == expectedDays.map { MeetingBed.vietnam($0.0, $0.1, $0.2, 19, 30) })
            #expect(list.meetings.allSatisfy { $0.invited == 3 && $0.state == .scheduled && $0.agenda.count == 1 })
            #expect(list.meetings[0].agenda[0].id == "a1")
            #expect(list.meetings[0].agenda[0].documentIDs == ["doc_01"])

            let retried = try await bed.client.scheduleMeetings(request, options: try bed.secretary())
            #expect(retried.meetings.map(\.id) == list.meetings.map(\.id))
            var calendar = ListMyMeetingsRequest()
            calendar.fromMS = MeetingBed.vietnam(2026, 3, 1, 0)
            calendar.toMS = MeetingBed.vietnam(2027, 4, 1, 0)
            calendar.pageSize = 5
            var seen: [String] = []
            repeat {
                let page = try await bed.client.listMyMeetings(calendar, options: try bed.member("Hung"))
                seen += page.meetings.map(\.id)
                calendar.pageToken = page.nextPageToken
            } while !calendar.pageToken.isEmpty
            #expect(seen == list.meetings.map(\.id), "a retried schedule creates nothing more")
        }
    }

    @Test func onlyTheCellsSecretaryOrStaffAboveSchedulesAndOthersLearnNothing() async throws {
        try await withMeetingBed { bed in
            var request = ScheduleMeetingsRequest()
            request.cellID = bed.tree.cellA
            request.template = MeetingBed.template()
            request.when = .startsAtMS(MeetingBed.vietnam(2026, 3, 10, 19, 30))
            #expect(await statusCode { try await bed.client.scheduleMeetings(request, options: try bed.member("Hung")) }
                == .permissionDenied)
            #expect(await statusCode { try await bed.client.scheduleMeetings(request, options: try bed.secretary(of: bed.tree.cellB)) }
                == .permissionDenied)
            let scheduled = try await bed.client.scheduleMeetings(request, options: try bed.staff(of: bed.tree.commune))
            #expect(scheduled.meetings.count == 1)

            var get = GetMeetingRequest()
            get.meetingID = scheduled.meetings[0].id
            let seenByTuan = await statusCode { try await bed.client.getMeeting(get, options: try bed.member("Tuan")) }
            get.meetingID = "mt_01JZZZZZZZZZZZZZZZZZZZZZZZ"
            let missing = await statusCode { try await bed.client.getMeeting(get, options: try bed.member("Tuan")) }
            #expect(seenByTuan == .notFound && missing == .notFound, "another cell's meeting looks like no meeting")
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndNothingIsScheduled() async throws {
        try await withMeetingBed { bed in
            var request = ScheduleMeetingsRequest()
            request.cellID = bed.tree.cellA
            request.template = MeetingBed.template(title: "Họp \u{0}")
            request.when = .startsAtMS(MeetingBed.vietnam(2026, 3, 10, 19, 30))
            #expect(await invalidField { try await bed.client.scheduleMeetings(request, options: try bed.secretary()) }
                == "template.title")
            request.template = MeetingBed.template()
            var recurrence = MonthlyRecurrence()
            recurrence.firstMonth = "2026-04"
            recurrence.months = 12
            recurrence.weekday = 8
            recurrence.ordinal = 1
            recurrence.timeOfDay = "19:30"
            request.when = .monthly(recurrence)
            #expect(await invalidField { try await bed.client.scheduleMeetings(request, options: try bed.secretary()) }
                == "monthly.weekday")
            recurrence.weekday = 2
            recurrence.timeOfDay = "25:00"
            request.when = .monthly(recurrence)
            #expect(await invalidField { try await bed.client.scheduleMeetings(request, options: try bed.secretary()) }
                == "monthly.time_of_day")
            request.when = .startsAtMS(MeetingBed.vietnam(2026, 3, 1, 19, 30))
            #expect(await invalidField { try await bed.client.scheduleMeetings(request, options: try bed.secretary()) }
                == "when", "a meeting in the past")
            request.cellID = bed.tree.commune
            request.when = .startsAtMS(MeetingBed.vietnam(2026, 3, 10, 19, 30))
            #expect(await invalidField { try await bed.client.scheduleMeetings(request, options: try bed.staff(of: bed.tree.province)) }
                == "cell_id", "a committee is not a cell")

            var calendar = ListMyMeetingsRequest()
            calendar.fromMS = MeetingBed.vietnam(2026, 1, 1, 0)
            calendar.toMS = MeetingBed.vietnam(2027, 1, 1, 0)
            let listed = try await bed.client.listMyMeetings(calendar, options: try bed.member("Hung"))
            #expect(listed.meetings.isEmpty)
        }
    }

    @Test func aMeetingGoesScheduledOpenClosedAndMayBeRescheduledOrCancelledOnlyBeforeItOpens() async throws {
        try await withMeetingBed { bed in
            let first = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 10, 19, 30))
            var reschedule = RescheduleMeetingRequest()
            reschedule.meetingID = first.id
            reschedule.startsAtMS = MeetingBed.vietnam(2026, 3, 12, 19, 30)
            #expect(await invalidField { try await bed.client.rescheduleMeeting(reschedule, options: try bed.secretary()) }
                == "reason")
            reschedule.reason = "Trùng lịch họp xã"
            let moved = try await bed.client.rescheduleMeeting(reschedule, options: try bed.secretary())
            #expect(moved.startsAtMS == reschedule.startsAtMS && moved.reason == "Trùng lịch họp xã")

            #expect(try await bed.open(moved).state == .open)
            #expect(await statusCode { try await bed.client.rescheduleMeeting(reschedule, options: try bed.secretary()) }
                == .failedPrecondition)
            #expect(try await bed.close(moved).state == .closed)

            let second = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 20, 19, 30))
            var cancel = CancelMeetingRequest()
            cancel.meetingID = second.id
            cancel.reason = "Mưa lũ"
            #expect(try await bed.client.cancelMeeting(cancel, options: try bed.secretary()).state == .cancelled)
            #expect(await statusCode { try await bed.open(second) } == .failedPrecondition)
            #expect(await statusCode { try await bed.open(second, as: try bed.member("Hung")) } == .permissionDenied)
        }
    }
}
