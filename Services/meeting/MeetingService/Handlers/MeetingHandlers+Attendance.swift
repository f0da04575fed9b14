import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// Attendance: answers before the meeting, check-in while it is open (by the member,
/// or by the secretary for a member without a phone), absences, and rates.
extension MeetingHandlers {
    func respond(_ request: RespondRequest, context: CallContext) async throws -> AttendanceEntry {
        let actor = try actor(context)
        guard request.response == .willAttend || request.response == .willNotAttend else {
            throw RPCError.invalidArgument(field: "response", "must be WILL_ATTEND or WILL_NOT_ATTEND")
        }
        let (tree, outbox) = (self.tree.tree, self.outbox)
        return try await write { connection, now in
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            let invitations = Invitations(connection: connection)
            guard try invitations.entry(stored.meeting.id, actor.memberID) != nil else {
                throw RPCError(.failedPrecondition, "you are not invited to this meeting")
            }
            try Self.require(stored.meeting, in: [.scheduled, .open], to: "answer the invitation")
            try invitations.respond(stored.meeting.id, actor.memberID, request.response)
            if actor.proxy == nil { try NoticeBook(connection: connection, outbox: outbox, nowMs: now).markAppUser(actor.memberID) }
            guard let entry = try invitations.entry(stored.meeting.id, actor.memberID) else { throw Self.unseen }
            return entry
        }
    }

    /// The member checks in, once, while the meeting is open; the secretary may check
    /// in a member present without a phone (marked as proxy), as may a proxy token.
    /// Every member of the province may call this within minutes on a meeting evening,
    /// and all of them wait for the one writer: it reads one row (the meeting's cell and
    /// state with the invitation) and answers with the entry it wrote, not read back.
    func checkIn(_ request: CheckInRequest, context: CallContext) async throws -> AttendanceEntry {
        let actor = try actor(context)
        let meetingID = try RecordID.checked(request.meetingID, prefix: "mt", field: "meeting_id")
        let forOther = !request.memberID.isEmpty && request.memberID != actor.memberID
        let memberID = forOther ? try RecordID.checked(request.memberID, prefix: "m", field: "member_id") : actor.memberID
        let (tree, outbox) = (self.tree.tree, self.outbox)
        return try await write { connection, now in
            let invitations = Invitations(connection: connection)
            guard let seat = try invitations.seat(meetingID, memberID) else { throw Self.unseen }
            let cell = PlacedUnit(id: seat.cellID, ancestorIDs: tree.ancestors(of: seat.cellID) ?? [])
            if !actor.isStaff(on: cell) {
                // Only members invited to it see the meeting (as `visibleMeeting` decides).
                let seesIt = try forOther ? invitations.entry(meetingID, actor.memberID) != nil : seat.entry != nil
                guard seesIt else { throw Self.unseen }
                if forOther { throw RPCError(.permissionDenied, "only the cell's secretary may check in another member") }
            }
            guard var entry = seat.entry else {
                throw RPCError(.failedPrecondition, forOther ? "member_id: not a member of this meeting's cell"
                                                             : "you are not a member of this meeting's cell")
            }
            if entry.presence == .present { return entry }
            try Self.require(seat.state, in: [.open], to: "check in")
            let proxy = forOther ? actor.memberID : actor.proxy
            try invitations.checkIn(meetingID, memberID, byProxy: proxy != nil, recordedBy: proxy ?? memberID, nowMs: now)
            if proxy == nil { try NoticeBook(connection: connection, outbox: outbox, nowMs: now).markAppUser(memberID) }
            (entry.presence, entry.byProxy, entry.recordedBy) = (.present, proxy != nil, proxy ?? memberID)
            (entry.checkedInAtMS, entry.absenceReason) = (now, "")
            return entry
        }
    }

    func recordAbsence(_ request: RecordAbsenceRequest, context: CallContext) async throws -> AttendanceEntry {
        let actor = try actor(context)
        let memberID = try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        let reason = try TextInput.freeText(request.reason, field: "reason")
        let tree = self.tree.tree
        return try await write { connection, _ in
            let stored = try Self.runMeeting(request.meetingID, by: actor, tree: tree, in: connection,
                                             to: "record absences")
            try Self.require(stored.meeting, in: [.scheduled, .open, .closed], to: "record an absence")
            let invitations = Invitations(connection: connection)
            guard let before = try invitations.entry(stored.meeting.id, memberID) else {
                throw RPCError(.failedPrecondition, "member_id: not a member of this meeting's cell")
            }
            guard before.presence != .present else {
                throw RPCError(.failedPrecondition, "member_id: the member checked in")
            }
            try invitations.recordAbsence(stored.meeting.id, memberID, reason: reason, excused: request.excused,
                                          recordedBy: actor.memberID)
            guard let entry = try invitations.entry(stored.meeting.id, memberID) else { throw Self.unseen }
            return entry
        }
    }

    func getAttendance(_ request: GetAttendanceRequest, context: CallContext) async throws -> Attendance {
        let actor = try actor(context)
        let tree = self.tree.tree
        return try await read { connection in
            let (stored, _) = try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection)
            var attendance = Attendance()
            attendance.meetingID = stored.meeting.id
            attendance.entries = try Invitations(connection: connection).entries(stored.meeting.id)
            attendance.invited = Int32(attendance.entries.count)
            attendance.present = Int32(attendance.entries.filter { $0.presence == .present }.count)
            attendance.rate = AttendanceRate.of(present: Int(attendance.present), invited: Int(attendance.invited))
            return attendance
        }
    }

    /// A member's year: the held meetings they were invited to. The member sees their
    /// own; staff of their cell see anyone's.
    func getMemberAttendance(_ request: GetMemberAttendanceRequest, context: CallContext) async throws
        -> MemberAttendance
    {
        let actor = try actor(context)
        let memberID = request.memberID.isEmpty
            ? actor.memberID : try RecordID.checked(request.memberID, prefix: "m", field: "member_id")
        guard (1900...2200).contains(request.year) else {
            throw RPCError.invalidArgument(field: "year", "must be a year 1900–2200")
        }
        let tree = self.tree.tree
        return try await read { connection in
            let rows = try connection.query(
                """
                SELECT meetings.cell_id, invitations.presence FROM invitations
                JOIN meetings ON meetings.id = invitations.meeting_id
                WHERE invitations.member_id = ? AND meetings.month >= ? AND meetings.month <= ?
                    AND meetings.state IN (?, ?)
                """,
                [memberID, "\(request.year)-01", "\(request.year)-12", Int64(MeetingState.closed.rawValue),
                 Int64(MeetingState.minutesApproved.rawValue)])
            if memberID != actor.memberID {
                let cells = Set(try rows.map { try $0.get(0, as: String.self) })
                let visible = !cells.isEmpty && cells.allSatisfy { cell in
                    actor.isStaff(on: PlacedUnit(id: cell, ancestorIDs: tree.ancestors(of: cell) ?? []))
                }
                guard visible else {
                    throw RPCError(.permissionDenied, "member_id: not a member whose attendance you may see")
                }
            }
            let presences = try rows.map { Presence(rawValue: Int32(try $0.get(1, as: Int64.self))) }
            var result = MemberAttendance()
            result.memberID = memberID
            result.year = request.year
            result.meetings = Int32(presences.count)
            result.present = Int32(presences.filter { $0 == .present }.count)
            result.excused = Int32(presences.filter { $0 == .absentExcused }.count)
            result.rate = AttendanceRate.of(present: Int(result.present), invited: Int(result.meetings))
            return result
        }
    }
}
