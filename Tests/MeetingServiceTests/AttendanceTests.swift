import MeetingContracts
import RPC
import RPCContracts
import ServiceTestSupport
import Testing

/// Check-in (by the member while the meeting is open, once, only members of the cell;
/// by the secretary as proxy), absences, and attendance rates.
@Suite struct AttendanceTests {
    @Test func aMemberChecksInOnlyWhileTheMeetingIsOpenAndOnlyOnce() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30))
            #expect(await statusCode { try await bed.checkIn(meeting, as: try bed.member("Hung")) } == .failedPrecondition)
            _ = try await bed.open(meeting)
            let first = try await bed.checkIn(meeting, as: try bed.member("Hung"))
            #expect(first.presence == .present && !first.byProxy)
            bed.clock.advance(byMs: 60_000)
            let again = try await bed.checkIn(meeting, as: try bed.member("Hung"))
            #expect(again.checkedInAtMS == first.checkedInAtMS, "a second check-in changes nothing")
            #expect(await statusCode { try await bed.checkIn(meeting, as: try bed.member("Tuan")) } == .notFound,
                    "a member of another cell cannot check in")
            _ = try await bed.close(meeting)
            #expect(await statusCode { try await bed.checkIn(meeting, as: try bed.member("Lan")) } == .failedPrecondition)
            var get = GetAttendanceRequest()
            get.meetingID = meeting.id
            let attendance = try await bed.client.getAttendance(get, options: try bed.secretary())
            #expect(attendance.invited == 3 && attendance.present == 1)
        }
    }

    @Test func theSecretaryChecksInAMemberWithoutAPhoneAsProxyAndMembersCannot() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30)))
            let mai = bed.tree.member("Mai").memberID
            #expect(await statusCode { try await bed.checkIn(meeting, as: try bed.member("Hung"), for: mai) }
                == .permissionDenied)
            let entry = try await bed.checkIn(meeting, as: try bed.secretary(), for: mai)
            #expect(entry.presence == .present && entry.byProxy && entry.recordedBy == bed.tree.member("Lan").memberID)
            #expect(await statusCode {
                try await bed.checkIn(meeting, as: try bed.secretary(), for: bed.tree.member("Tuan").memberID)
            } == .failedPrecondition, "only members of the cell")
        }
    }

    @Test func aProxyTokenFromAuthChecksInAndVotesMarkedAsProxy() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30)))
            let mai = bed.tree.member("Mai"), lan = bed.tree.member("Lan")
            // What auth's ActForMember issues: Mai's identity, the secretary behind it.
            let proxy = try bed.tokens.options(bed.tokens.claims(
                mai.memberID, grants: [TestTokens.grant(.member, bed.tree.cellA)], unitID: bed.tree.cellA,
                ancestors: bed.tree.ancestors[bed.tree.cellA] ?? [], proxyFor: lan.memberID))
            let entry = try await bed.checkIn(meeting, as: proxy)
            #expect(entry.memberID == mai.memberID && entry.byProxy && entry.recordedBy == lan.memberID)
            var poll = CreatePollRequest()
            (poll.meetingID, poll.question, poll.options) = (meeting.id, "Thông qua kế hoạch?", ["Có", "Không"])
            let created = try await bed.client.createPoll(poll, options: try bed.secretary())
            var vote = CastVoteRequest()
            vote.pollID = created.id
            #expect(try await bed.client.castVote(vote, options: proxy).proxyVotes == 1)
        }
    }

    @Test func absencesAndTheRatesOfAMeetingAndOfAMemberOverAYear() async throws {
        try await withMeetingBed { bed in
            let march = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30)))
            _ = try await bed.checkIn(march, as: try bed.member("Lan"))
            _ = try await bed.checkIn(march, as: try bed.member("Hung"))
            var absence = RecordAbsenceRequest()
            absence.meetingID = march.id
            absence.memberID = bed.tree.member("Mai").memberID
            absence.reason = "Ốm"
            absence.excused = true
            #expect(try await bed.client.recordAbsence(absence, options: try bed.secretary()).presence == .absentExcused)
            absence.memberID = bed.tree.member("Hung").memberID
            #expect(await statusCode { try await bed.client.recordAbsence(absence, options: try bed.secretary()) }
                == .failedPrecondition, "a member who checked in is not absent")
            _ = try await bed.close(march)

            bed.setClock(2026, 4, 1, 10)
            let april = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 4, 1, 19, 30)))
            _ = try await bed.checkIn(april, as: try bed.member("Lan"))
            _ = try await bed.close(april)

            var get = GetAttendanceRequest()
            get.meetingID = march.id
            let rate = try await bed.client.getAttendance(get, options: try bed.member("Mai")).rate
            #expect(abs(rate - 2.0 / 3.0) < 1e-9)
            var year = GetMemberAttendanceRequest()
            year.year = 2026
            let hung = try await bed.client.getMemberAttendance(year, options: try bed.member("Hung"))
            #expect(hung.meetings == 2 && hung.present == 1 && abs(hung.rate - 0.5) < 1e-9)
            year.memberID = bed.tree.member("Mai").memberID
            let mai = try await bed.client.getMemberAttendance(year, options: try bed.secretary())
            #expect(mai.meetings == 2 && mai.present == 0 && mai.excused == 1)
            #expect(await statusCode { try await bed.client.getMemberAttendance(year, options: try bed.member("Hung")) }
                == .permissionDenied)
        }
    }
}
