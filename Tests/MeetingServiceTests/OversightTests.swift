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
