import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// Opinions and votes: comments on an agenda item or on the minutes, and polls, open
/// or secret, with results only once closed.
extension MeetingHandlers {
    static let maxPollOptions = 10

    func addComment(_ request: AddCommentRequest, context: CallContext) async throws -> Comment {
        let actor = try actor(context)
        let text = try TextInput.freeText(request.text, field: "text")
        guard !text.isEmpty else { throw RPCError.invalidArgument(field: "text", "is required") }
        let subject = try TextInput.checked(request.subject, field: "subject", limit: .documentID)
        let (tree, outbox) = (self.tree.tree, self.outbox)
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: actor.access.idempotencyScope, key: request.idempotencyKey,
                                                method: "AddComment", request: request, nowMs: now)
            if let first = try call?.recorded(Comment.self, in: connection) { return first }
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            let subjects = Set(stored.meeting.agenda.map(\.id) + ["minutes"])
            guard subjects.contains(subject) else {
                throw RPCError.invalidArgument(field: "subject", "must be an agenda item's id or \"minutes\"")
            }
            try Self.require(stored.meeting, in: [.scheduled, .open, .closed, .minutesApproved], to: "comment")
            var comment = Comment()
            comment.id = RecordID.make("cm", nowMs: now)
            comment.meetingID = stored.meeting.id
            comment.subject = subject
            comment.memberID = actor.memberID
            comment.text = text
            comment.createdAtMS = now
            try connection.execute(
                "INSERT INTO comments (id, meeting_id, subject, member_id, text, created_at_ms) VALUES (?, ?, ?, ?, ?, ?)",
                [comment.id, comment.meetingID, comment.subject, comment.memberID, comment.text, now])
            if actor.proxy == nil { try NoticeBook(connection: connection, outbox: outbox, nowMs: now).markAppUser(actor.memberID) }
            try call?.remember(comment, in: connection)
            return comment
        }
    }

    func listComments(_ request: ListCommentsRequest, context: CallContext) async throws -> CommentList {
        let actor = try actor(context)
        let subject = try TextInput.checked(request.subject, field: "subject", limit: .documentID, required: false)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "comments",
                                filters: [request.meetingID, subject])
        let tree = self.tree.tree
        return try await read { connection in
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            let rows = try connection.query(
                """
                SELECT id, subject, member_id, text, created_at_ms FROM comments
                WHERE meeting_id = ? AND (? = '' OR subject = ?) AND id > ? ORDER BY id LIMIT ?
                """,
                [stored.meeting.id, subject, subject, paging.after?.first ?? "", Int64(paging.pageSize + 1)])
            var list = CommentList()
            list.comments = try rows.prefix(paging.pageSize).map { row in
                var comment = Comment()
                comment.id = try row.get(0)
                comment.meetingID = stored.meeting.id
                comment.subject = try row.get(1)
                comment.memberID = try row.get(2)
                comment.text = try row.get(3)
                comment.createdAtMS = try row.get(4)
                return comment
            }
            list.nextPageToken = paging.token(list: "comments", after: [list.comments.last?.id ?? ""],
                                              hasMore: rows.count > paging.pageSize)
            return list
        }
    }

    func createPoll(_ request: CreatePollRequest, context: CallContext) async throws -> Poll {
        let actor = try actor(context)
        let question = try TextInput.checked(request.question, field: "question", limit: .freeText)
        guard (2...Self.maxPollOptions).contains(request.options.count) else {
            throw RPCError.invalidArgument(field: "options", "give 2–\(Self.maxPollOptions) options")
        }
        let options = try request.options.enumerated().map { index, option throws(RPCError) in
            try TextInput.name(option, field: "options[\(index)]")
        }
        let tree = self.tree.tree
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: actor.access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreatePoll", request: request, nowMs: now)
            if let first = try call?.recorded(Poll.self, in: connection) { return first }
            let stored = try Self.runMeeting(request.meetingID, by: actor, tree: tree, in: connection, to: "hold a vote")
            try Self.require(stored.meeting, in: [.scheduled, .open], to: "hold a vote")
            var poll = Poll()
            poll.id = RecordID.make("pl", nowMs: now)
            poll.meetingID = stored.meeting.id
            poll.question = question
            poll.options = options
            poll.secret = request.secret
            try PollRecords(connection: connection).insert(poll, nowMs: now)
            try call?.remember(poll, in: connection)
            return poll
        }
    }

    /// One vote per member, while the poll and its meeting are open; the secretary's
    /// vote for a member without a phone (or a proxy token's) is marked as proxy.
    func castVote(_ request: CastVoteRequest, context: CallContext) async throws -> Poll {
        let actor = try actor(context)
        let pollID = try RecordID.checked(request.pollID, prefix: "pl", field: "poll_id")
        let forOther = !request.memberID.isEmpty && request.memberID != actor.memberID
        let memberID = forOther ? try RecordID.checked(request.memberID, prefix: "m", field: "member_id") : actor.memberID
        let (tree, outbox) = (self.tree.tree, self.outbox)
        return try await write { connection, now in
            let polls = PollRecords(connection: connection)
            let (poll, meeting) = try Self.visiblePoll(pollID, to: actor, tree: tree, in: connection)
            if forOther && !meeting.staff {
                throw RPCError(.permissionDenied, "only the cell's secretary may vote for another member")
            }
            guard try Invitations(connection: connection).entry(meeting.id, memberID) != nil else {
                throw RPCError(.failedPrecondition, forOther ? "member_id: not a member of this meeting's cell"
                                                             : "you are not a member of this meeting's cell")
            }
            guard !poll.closed else { throw RPCError(.failedPrecondition, "the vote is closed") }
            guard (0..<poll.options.count).contains(Int(request.option)) else {
                throw RPCError.invalidArgument(field: "option", "must be 0–\(poll.options.count - 1)")
            }
            if try polls.hasVoted(poll.id, memberID) {
                throw RPCError(.alreadyExists, forOther ? "member_id: the member has voted" : "you have voted")
            }
            let proxy = forOther ? actor.memberID : actor.proxy
            try polls.vote(poll, option: Int(request.option), memberID: memberID, proxy: proxy)
            if proxy == nil { try NoticeBook(connection: connection, outbox: outbox, nowMs: now).markAppUser(memberID) }
            guard let after = try polls.find(poll.id, for: actor.memberID) else { throw Self.unseen }
            return after
        }
    }

    func closePoll(_ request: ClosePollRequest, context: CallContext) async throws -> Poll {
        let actor = try actor(context)
        let pollID = try RecordID.checked(request.pollID, prefix: "pl", field: "poll_id")
        let tree = self.tree.tree
        return try await write { connection, _ in
            let (poll, meeting) = try Self.visiblePoll(pollID, to: actor, tree: tree, in: connection)
            guard meeting.staff else { throw RPCError(.permissionDenied, "only the cell's secretary may close a vote") }
            let polls = PollRecords(connection: connection)
            if !poll.closed { try polls.close(poll.id) }
            guard let closed = try polls.find(poll.id, for: actor.memberID) else { throw Self.unseen }
            return closed
        }
    }

    func getPoll(_ request: GetPollRequest, context: CallContext) async throws -> Poll {
        let actor = try actor(context)
        let pollID = try RecordID.checked(request.pollID, prefix: "pl", field: "poll_id")
        let tree = self.tree.tree
        return try await read { connection in try Self.visiblePoll(pollID, to: actor, tree: tree, in: connection).0 }
    }

    func listPolls(_ request: ListPollsRequest, context: CallContext) async throws -> PollList {
        let actor = try actor(context)
        let tree = self.tree.tree
        return try await read { connection in
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            var list = PollList()
            list.polls = try PollRecords(connection: connection).polls(of: stored.meeting.id, for: actor.memberID)
            return list
        }
    }

    /// The poll, if the caller may see its meeting; the same answer otherwise.
    static func visiblePoll(_ pollID: String, to actor: Actor, tree: OrgTree, in connection: Connection) throws
        -> (Poll, (id: String, staff: Bool))
    {
        let unseenPoll = RPCError(.notFound, "poll_id: no vote you may see")
        guard let poll = try PollRecords(connection: connection).find(pollID, for: actor.memberID) else { throw unseenPoll }
        do {
            let (stored, staff) = try visibleMeeting(poll.meetingID, to: actor, tree: tree, in: connection)
            return (poll, (stored.meeting.id, staff))
        } catch let error as RPCError where error.code == .notFound {
            throw unseenPoll
        }
    }
}
