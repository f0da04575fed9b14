import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// Minutes and evaluation: the secretary records the minutes and conclusions after the
/// meeting closes, members read and comment (AddComment on "minutes"), approval locks
/// them, and a later correction is a new revision with its reason and author. Members
/// rate a held meeting once each (a new rating replaces their own).
extension MeetingHandlers {
    func recordMinutes(_ request: RecordMinutesRequest, context: CallContext) async throws -> Minutes {
        let actor = try actor(context)
        let text = try TextInput.checked(request.text, field: "text", limit: .minutes)
        let conclusions = try TextInput.checked(request.conclusions, field: "conclusions", limit: .minutes, required: false)
        let reason = try TextInput.freeText(request.reason, field: "reason")
        let tree = self.tree.tree
        return try await write { connection, now in
            let stored = try Self.runMeeting(request.meetingID, by: actor, tree: tree, in: connection,
                                             to: "record the minutes")
            try Self.require(stored.meeting, in: [.closed, .minutesApproved], to: "record minutes before it closes")
            let records = MinutesRecords(connection: connection)
            let current = try records.revisions(stored.meeting.id).last
            guard request.expectedRevision == current?.revision ?? 0 else {
                throw RPCError(.aborted, "expected_revision: the minutes are at revision \(current?.revision ?? 0)")
            }
            if stored.meeting.state == .minutesApproved && reason.isEmpty {
                throw RPCError.invalidArgument(field: "reason", "a correction of approved minutes needs a reason")
            }
            var minutes = Minutes()
            minutes.meetingID = stored.meeting.id
            minutes.revision = (current?.revision ?? 0) + 1
            minutes.text = text
            minutes.conclusions = conclusions
            minutes.recordedBy = actor.memberID
            minutes.recordedAtMS = now
            minutes.reason = reason
            try records.insert(minutes)
            return minutes
        }
    }

    func approveMinutes(_ request: ApproveMinutesRequest, context: CallContext) async throws -> Minutes {
        let actor = try actor(context)
        let tree = self.tree.tree
        return try await write { connection, _ in
            let stored = try Self.runMeeting(request.meetingID, by: actor, tree: tree, in: connection,
                                             to: "approve the minutes")
            let records = MinutesRecords(connection: connection)
            guard let current = try records.revisions(stored.meeting.id).last else {
                throw RPCError(.failedPrecondition, "no minutes have been recorded")
            }
            guard request.revision == current.revision else {
                throw RPCError(.aborted, "revision: the minutes are at revision \(current.revision)")
            }
            if current.approved { return current }
            try records.approve(stored.meeting.id, revision: current.revision)
            try MeetingRecords(connection: connection).setState(stored.meeting.id, .minutesApproved)
            var approved = current
            approved.approved = true
            return approved
        }
    }

    func getMinutes(_ request: GetMinutesRequest, context: CallContext) async throws -> MinutesHistory {
        let actor = try actor(context)
        let tree = self.tree.tree
        return try await read { connection in
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            var history = MinutesHistory()
            history.revisions = try MinutesRecords(connection: connection).revisions(stored.meeting.id)
            return history
        }
    }

    func rateMeeting(_ request: RateMeetingRequest, context: CallContext) async throws -> MeetingRating {
        let actor = try actor(context)
        guard (1...5).contains(request.score) else { throw RPCError.invalidArgument(field: "score", "must be 1–5") }
        let (tree, outbox) = (self.tree.tree, self.outbox)
        return try await write { connection, now in
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            guard try Invitations(connection: connection).entry(stored.meeting.id, actor.memberID) != nil else {
                throw RPCError(.failedPrecondition, "only the meeting's members rate it")
            }
            try Self.require(stored.meeting, in: [.closed, .minutesApproved], to: "rate it before it is held")
            try connection.execute(
                """
                INSERT INTO ratings (meeting_id, member_id, score) VALUES (?, ?, ?)
                ON CONFLICT (meeting_id, member_id) DO UPDATE SET score = excluded.score
                """,
                [stored.meeting.id, actor.memberID, Int64(request.score)])
            if actor.proxy == nil { try NoticeBook(connection: connection, outbox: outbox, nowMs: now).markAppUser(actor.memberID) }
            var rating = MeetingRating()
            rating.meetingID = stored.meeting.id
            if let row = try connection.queryOne("SELECT COUNT(*), COALESCE(AVG(score), 0) FROM ratings WHERE meeting_id = ?",
                                                 [stored.meeting.id]) {
                rating.ratings = Int32(try row.get(0, as: Int64.self))
                rating.average = try row.get(1)
            }
            return rating
        }
    }
}
