import MeetingContracts
import RPC
import RPCContracts
import ServiceTestSupport
import Testing

/// Comments, polls (open and secret, one vote each, results after closing, proxy votes
/// marked), minutes with approval and audited corrections, ratings and tasks.
@Suite struct OpinionsAndMinutesTests {
    @Test func aSecretVoteRecordsWhoVotedNeverWhatAndShowsResultsOnlyOnceClosed() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30)))
            var create = CreatePollRequest()
            create.meetingID = meeting.id
            create.question = "Đề nghị kết nạp quần chúng Nguyễn Văn A?"
            create.options = ["Đồng ý", "Không đồng ý"]
            create.secret = true
            #expect(await statusCode { try await bed.client.createPoll(create, options: try bed.member("Hung")) }
                == .permissionDenied)
            let poll = try await bed.client.createPoll(create, options: try bed.secretary())
            func vote(_ option: Int32, as options: CallOptions, for memberID: String = "") async throws -> Poll {
                var request = CastVoteRequest()
                request.pollID = poll.id
                request.option = option
                request.memberID = memberID
                return try await bed.client.castVote(request, options: options)
            }
            let afterHung = try await vote(0, as: try bed.member("Hung"))
            #expect(afterHung.voted && afterHung.voters == 1 && afterHung.counts.isEmpty, "no results while open")
            #expect(await statusCode { try await vote(1, as: try bed.member("Hung")) } == .alreadyExists)
            #expect(await statusCode { try await vote(1, as: try bed.member("Tuan")) } == .notFound)
            #expect(await invalidField { try await vote(2, as: try bed.member("Lan")) } == "option")
            _ = try await vote(1, as: try bed.member("Lan"))
            let withProxy = try await vote(0, as: try bed.secretary(), for: bed.tree.member("Mai").memberID)
            #expect(withProxy.voters == 3 && withProxy.proxyVotes == 1)

            var close = ClosePollRequest()
            close.pollID = poll.id
            let closed = try await bed.client.closePoll(close, options: try bed.secretary())
            #expect(closed.closed && closed.counts == [2, 1])
            #expect(await statusCode { try await vote(0, as: try bed.member("Mai")) } == .failedPrecondition)
        }
    }

    @Test func membersCommentOnAgendaItemsAndTheMinutes() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30))
            var comment = AddCommentRequest()
            comment.meetingID = meeting.id
            comment.subject = "a1"
            comment.text = "Đề nghị bổ sung nội dung phát triển kinh tế."
            comment.idempotencyKey = "c-1"
            let first = try await bed.client.addComment(comment, options: try bed.member("Hung"))
            let retried = try await bed.client.addComment(comment, options: try bed.member("Hung"))
            #expect(retried.id == first.id)
            comment.subject = "a9"
            comment.idempotencyKey = ""
            #expect(await invalidField { try await bed.client.addComment(comment, options: try bed.member("Hung")) }
                == "subject")
            comment.subject = "minutes"
            _ = try await bed.client.addComment(comment, options: try bed.member("Lan"))
            var list = ListCommentsRequest()
            list.meetingID = meeting.id
            list.subject = "a1"
            #expect(try await bed.client.listComments(list, options: try bed.member("Mai")).comments.map(\.id) == [first.id])
        }
    }

    @Test func approvedMinutesAreLockedAndACorrectionIsANewAuditedRevision() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30)))
            var record = RecordMinutesRequest()
            record.meetingID = meeting.id
            record.text = "Chi bộ họp lúc 19 giờ 30.\nCó mặt 3/3 đảng viên."
            record.conclusions = "Thống nhất kế hoạch tháng 3."
            #expect(await statusCode { try await bed.client.recordMinutes(record, options: try bed.secretary()) }
                == .failedPrecondition, "minutes come after the meeting closes")
            _ = try await bed.close(meeting)
            #expect(await statusCode { try await bed.client.recordMinutes(record, options: try bed.member("Hung")) }
                == .permissionDenied)
            let first = try await bed.client.recordMinutes(record, options: try bed.secretary())
            #expect(first.revision == 1)
            var approve = ApproveMinutesRequest()
            approve.meetingID = meeting.id
            approve.revision = 1
            #expect(try await bed.client.approveMinutes(approve, options: try bed.secretary()).approved)

            record.expectedRevision = 1
            record.text = "Chi bộ họp lúc 19 giờ 30.\nCó mặt 2/3 đảng viên."
            #expect(await invalidField { try await bed.client.recordMinutes(record, options: try bed.secretary()) }
                == "reason")
            record.reason = "Sửa số đảng viên có mặt"
            let correction = try await bed.client.recordMinutes(record, options: try bed.secretary())
            #expect(correction.revision == 2 && !correction.approved)
            var get = GetMinutesRequest()
            get.meetingID = meeting.id
            let history = try await bed.client.getMinutes(get, options: try bed.member("Mai"))
            #expect(history.revisions.map(\.revision) == [1, 2])
            #expect(history.revisions[0].approved && history.revisions[0].text.contains("3/3"), "the approved text stays")
            #expect(history.revisions[1].reason == "Sửa số đảng viên có mặt"
                && history.revisions[1].recordedBy == bed.tree.member("Lan").memberID)
            var get2 = GetMeetingRequest()
            get2.meetingID = meeting.id
            #expect(try await bed.client.getMeeting(get2, options: try bed.member("Hung")).state == .minutesApproved)
        }
    }

    @Test func membersRateAHeldMeetingAndTasksAreListedForTheMemberAndTheCell() async throws {
        try await withMeetingBed { bed in
            let meeting = try await bed.open(try await bed.schedule(at: MeetingBed.vietnam(2026, 3, 2, 19, 30)))
            var rate = RateMeetingRequest()
            rate.meetingID = meeting.id
            rate.score = 4
            #expect(await statusCode { try await bed.client.rateMeeting(rate, options: try bed.member("Hung")) }
                == .failedPrecondition)
            _ = try await bed.close(meeting)
            _ = try await bed.client.rateMeeting(rate, options: try bed.member("Hung"))
            rate.score = 5
            let rating = try await bed.client.rateMeeting(rate, options: try bed.member("Lan"))
            #expect(rating.ratings == 2 && abs(rating.average - 4.5) < 1e-9)
            rate.score = 6
            #expect(await invalidField { try await bed.client.rateMeeting(rate, options: try bed.member("Lan")) } == "score")

            var assign = AssignTaskRequest()
            assign.cellID = bed.tree.cellA
            assign.meetingID = meeting.id
            assign.memberID = bed.tree.member("Hung").memberID
            assign.title = "Vận động hộ dân đóng góp làm đường"
            assign.dueDate = "2026-03-31"
            #expect(await statusCode { try await bed.client.assignTask(assign, options: try bed.member("Lan")) }
                == .permissionDenied)
            let task = try await bed.client.assignTask(assign, options: try bed.secretary())
            var mine = ListTasksRequest()
            mine.owner = .memberID("")
            #expect(try await bed.client.listTasks(mine, options: try bed.member("Hung")).tasks.map(\.id) == [task.id])
            #expect(try await bed.client.listTasks(mine, options: try bed.member("Mai")).tasks.isEmpty)
            var status = SetTaskStatusRequest()
            status.taskID = task.id
            status.status = .done
            #expect(await statusCode { try await bed.client.setTaskStatus(status, options: try bed.member("Tuan")) }
                == .notFound)
            _ = try await bed.client.setTaskStatus(status, options: try bed.member("Hung"))
            var cell = ListTasksRequest()
            cell.owner = .cellID(bed.tree.cellA)
            let listed = try await bed.client.listTasks(cell, options: try bed.secretary())
            #expect(listed.tasks.map(\.status) == [.done])
            #expect(await statusCode { try await bed.client.listTasks(cell, options: try bed.member("Hung")) }
                == .permissionDenied)
        }
    }
}
