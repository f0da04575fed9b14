import MeetingContracts
import RPC
import RPCContracts
import ServiceTestSupport
import Testing

/// Calendars of a subtree, monthly statistics and the warning list of cells that did
/// not hold their regular meeting.
@Suite struct OversightTests {
    @Test func theWarningListNamesTheCellsWithoutAHeldRegularMeetingInTheMonth() async throws {
        try await withMeetingBed { bed in
            // Cell A holds its regular meeting; cell B schedules one and does not hold it;
            // cell C only holds a thematic one.
            let held = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 10, 5)))
            _ = try await bed.checkIn(held, as: try bed.member("Lan"))
            _ = try await bed.checkIn(held, as: try bed.member("Hung"))
            _ = try await bed.close(held)
            let notHeld = try await bed.schedule(bed.tree.cellB, at: MeetingBed.vietnam(2026, 3, 20, 19, 30))
            let thematic = try await bed.schedule(bed.tree.cellC, at: MeetingBed.vietnam(2026, 3, 5, 19, 30),
                                                  kind: .thematic, title: "Chuyên đề học tập và làm theo")
            bed.setClock(2026, 3, 5, 19, 30)
            _ = try await bed.close(try await bed.open(thematic))

            var request = MonthRequest()
            request.unitID = bed.tree.province
            request.month = "2026-03"
            let warnings = try await bed.client.listWarningCells(request, options: try bed.staff(of: bed.tree.province))
            #expect(warnings.cells == 3)
            #expect(Set(warnings.cellsWithoutMeeting.map(\.cellID)) == [bed.tree.cellB, bed.tree.cellC])
            #expect(warnings.cellsWithoutMeeting.first { $0.cellID == bed.tree.cellB }?.meetingID == notHeld.id)

            request.unitID = bed.tree.bloc
            let bloc = try await bed.client.listWarningCells(request, options: try bed.staff(of: bed.tree.province))
            #expect(bloc.cellsWithoutMeeting.map(\.cellID) == [bed.tree.cellC])
            request.month = "2026-04"
            request.unitID = bed.tree.province
            #expect(try await bed.client.listWarningCells(request, options: try bed.staff(of: bed.tree.province))
                .cellsWithoutMeeting.count == 3, "nothing held in April yet")

            request.month = "2026-03"
            let stats = try await bed.client.getSubtreeStats(request, options: try bed.staff(of: bed.tree.province))
            #expect(stats.cells == 3 && stats.cellsMet == 1 && stats.meetingsHeld == 2 && stats.meetingsOnTime == 2)
            #expect(stats.invited == 5 && stats.present == 2)

            #expect(await statusCode { try await bed.client.listWarningCells(request, options: try bed.member("Hung")) }
                == .permissionDenied)
            #expect(await statusCode {
                try await bed.client.listWarningCells(request, options: try bed.staff(of: bed.tree.commune))
            } == .permissionDenied, "staff of the commune do not see the province")
            request.month = "2026-13"
            #expect(await invalidField {
                try await bed.client.listWarningCells(request, options: try bed.staff(of: bed.tree.province))
            } == "month")
        }
    }

    /// The warning list reads which cells held their regular meeting from an index of
    /// the month's meetings by state: every write that moves a regular meeting in or out
    /// of "held", or from one month to another, must show at once.
    @Test func theWarningListFollowsEveryWriteThatChangesWhetherACellHeldItsRegularMeeting() async throws {
        try await withMeetingBed { bed in
            func warned(_ month: String) async throws -> [String: WarningCell] {
                var request = MonthRequest()
                (request.unitID, request.month) = (bed.tree.province, month)
                let list = try await bed.client.listWarningCells(request, options: try bed.staff(of: bed.tree.province))
                return Dictionary(uniqueKeysWithValues: list.cellsWithoutMeeting.map { ($0.cellID, $0) })
            }
            #expect(try await warned("2026-03").keys.sorted() == bed.tree.cells.sorted())

            let first = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 10, 19, 30))
            #expect(try await warned("2026-03")[bed.tree.cellA]?.meetingState == .scheduled)

            var move = RescheduleMeetingRequest()
            (move.meetingID, move.startsAtMS, move.reason) = (first.id, MeetingBed.vietnam(2026, 4, 7, 19, 30), "Trùng lịch")
            _ = try await bed.client.rescheduleMeeting(move, options: try bed.secretary())
            #expect(try await warned("2026-03")[bed.tree.cellA]?.meetingID == "", "moved out of March")
            #expect(try await warned("2026-04")[bed.tree.cellA]?.meetingID == first.id)

            var cancel = CancelMeetingRequest()
            (cancel.meetingID, cancel.reason) = (first.id, "Mưa lũ")
            _ = try await bed.client.cancelMeeting(cancel, options: try bed.secretary())
            #expect(try await warned("2026-04")[bed.tree.cellA]?.meetingState == .cancelled)
            let second = try await bed.schedule(at: MeetingBed.vietnam(2026, 4, 14, 19, 30))
            #expect(try await warned("2026-04")[bed.tree.cellA]?.meetingID == second.id,
                    "the meeting still to be held before the cancelled one")

            bed.setClock(2026, 4, 14, 19, 30)
            _ = try await bed.open(second)
            #expect(try await warned("2026-04")[bed.tree.cellA]?.meetingState == .open, "open is not held yet")
            let thematic = try await bed.schedule(bed.tree.cellB, at: MeetingBed.vietnam(2026, 4, 20, 19, 30),
                                                  kind: .thematic, title: "Chuyên đề")
            _ = try await bed.close(second)
            #expect(try await warned("2026-04")[bed.tree.cellA] == nil, "held once closed")

            var record = RecordMinutesRequest()
            (record.meetingID, record.text, record.conclusions) = (second.id, "Biên bản", "Kết luận")
            _ = try await bed.client.recordMinutes(record, options: try bed.secretary())
            var approve = ApproveMinutesRequest()
            (approve.meetingID, approve.revision) = (second.id, 1)
            _ = try await bed.client.approveMinutes(approve, options: try bed.secretary())
            bed.setClock(2026, 4, 20, 19, 30)
            _ = try await bed.close(try await bed.open(thematic))
            let april = try await warned("2026-04")
            #expect(april[bed.tree.cellA] == nil, "still held with its minutes approved")
            #expect(april.keys.sorted() == [bed.tree.cellB, bed.tree.cellC].sorted(), "a thematic meeting is not the regular one")
            #expect(try await warned("2026-03").keys.sorted() == bed.tree.cells.sorted())
        }
    }

    @Test func aSubtreesCalendarListsOnlyItsCellsMeetings() async throws {
        try await withMeetingBed { bed in
            let a = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 10, 19, 30))
            let b = try await bed.schedule(bed.tree.cellB, at: MeetingBed.vietnam(2026, 3, 11, 19, 30))
            _ = try await bed.schedule(bed.tree.cellC, at: MeetingBed.vietnam(2026, 3, 12, 19, 30))
            var request = ListSubtreeMeetingsRequest()
            request.unitID = bed.tree.commune
            request.fromMS = MeetingBed.vietnam(2026, 3, 1, 0)
            request.toMS = MeetingBed.vietnam(2026, 4, 1, 0)
            request.pageSize = 1
            var seen: [String] = []
            repeat {
                let page = try await bed.client.listSubtreeMeetings(request, options: try bed.staff(of: bed.tree.commune))
                seen += page.meetings.map(\.id)
                request.pageToken = page.nextPageToken
            } while !request.pageToken.isEmpty
            #expect(seen == [a.id, b.id])
        }
    }
}
