import MeetingContracts
import RPC
import ServiceTestSupport
import Testing

/// Meeting's part of the home screen: the next meeting, the check-in, the votes that
/// wait for the member in it, and their open tasks.
@Suite struct HomeSummaryTests {
    @Test func theNextMeetingIsTheOpenOneElseTheSoonestScheduled() async throws {
        try await withMeetingBed { bed in
            let home = MeetingHomeServiceClient(channel: bed.client.channel)
            var hung = try bed.member("Hung")
            #expect(try await home.getHomeSummary(GetHomeSummaryRequest(), options: hung).nextMeeting == nil)

            let later = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 20, 19), title: "Sinh hoạt chuyên đề")
            let sooner = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 5, 19))
            _ = try await bed.schedule(bed.tree.cellB, at: MeetingBed.vietnam(2026, 3, 3, 19))  // not Hùng's cell
            var summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: hung)
            #expect(summary.nextMeeting?.id == sooner.id)
            #expect(!summary.checkedIn && summary.pollsToVote == 0 && summary.openTasks == 0)

            // The evening of the 5th (tokens of that evening): the meeting opens, a vote
            // starts, Hùng checks in.
            bed.setClock(2026, 3, 5, 19)
            hung = try bed.member("Hung")
            _ = try await bed.open(sooner)
            var poll = CreatePollRequest()
            poll.meetingID = sooner.id
            poll.question = "Thông qua nghị quyết tháng?"
            poll.options = ["Đồng ý", "Không đồng ý"]
            let created = try await bed.client.createPoll(poll, options: try bed.secretary())
            _ = try await bed.checkIn(sooner, as: hung)
            var task = AssignTaskRequest()
            task.cellID = bed.tree.cellA
            task.meetingID = sooner.id
            task.memberID = bed.tree.member("Hung").memberID
            task.title = "Vận động hộ dân làm đường"
            task.dueDate = "2026-03-31"
            _ = try await bed.client.assignTask(task, options: try bed.secretary())
            summary = try await home.getHomeSummary(GetHomeSummaryRequest(), options: hung)
            #expect(summary.nextMeeting?.id == sooner.id && summary.nextMeeting?.state == .open)
            #expect(summary.checkedIn && summary.pollsToVote == 1 && summary.openTasks == 1)

            var vote = CastVoteRequest()
            vote.pollID = created.id
            vote.option = 0
            _ = try await bed.client.castVote(vote, options: hung)
            #expect(try await home.getHomeSummary(GetHomeSummaryRequest(), options: hung).pollsToVote == 0)

            // Once it is closed, the next one is the later meeting.
            _ = try await bed.close(sooner)
            #expect(try await home.getHomeSummary(GetHomeSummaryRequest(), options: hung).nextMeeting?.id == later.id)
        }
    }
}
