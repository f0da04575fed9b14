import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// The secretary's calendar: scheduling (one meeting or a year of them), rescheduling,
/// cancelling, opening and closing.
extension MeetingHandlers {
    static let maxAgendaItems = 30
    static let maxDocumentsPerItem = 20

    func scheduleMeetings(_ request: ScheduleMeetingsRequest, context: CallContext) async throws -> MeetingList {
        let actor = try actor(context)
        let cellID = try RecordID.checked(request.cellID, prefix: "u", field: "cell_id")
        let templateName = try Self.templateName(of: request)
        let given = templateName == nil ? try Self.checkedTemplate(request.template) : nil
        let instants: [Int64]
        switch request.when {
        case .startsAtMS(let at)?:
            guard at > 0 else { throw RPCError.invalidArgument(field: "starts_at_ms", "must be a time") }
            instants = [at]
        case .monthly(let recurrence)?: instants = try MonthlyPlan.instants(recurrence)
        case nil: throw RPCError.invalidArgument(field: "when", "give starts_at_ms or monthly")
        }
        let tree = self.tree.tree
        try actor.access.require(Self.staff, on: placement(cellID), to: "schedule this cell's meetings")
        guard let cell = tree.unit(cellID), cell.isActive, cell.kind == .cell || cell.kind == .grassrootsCell else {
            throw RPCError.invalidArgument(field: "cell_id", "is not an active cell")
        }
        let template = if let templateName { try await savedTemplate(templateName, for: cellID) } else { given ?? Meeting() }
        let members = try await roster.members(of: cellID, context: context)
        let phones = try await phonesForNotices(members.map(\.memberID), context: context)
        let outbox = self.outbox
        return try await writeAndNotify { connection, now in
            let call = try IdempotentCall.keyed(scope: actor.access.idempotencyScope, key: request.idempotencyKey,
                                                method: "ScheduleMeetings", request: request, nowMs: now)
            if let first = try call?.recorded(MeetingList.self, in: connection) { return first }
            guard instants.allSatisfy({ $0 > now }) else {
                throw RPCError.invalidArgument(field: "when", "meetings are scheduled in the future")
            }
            let records = MeetingRecords(connection: connection)
            var list = MeetingList()
            for at in instants {
                var meeting = template
                meeting.id = RecordID.make("mt", nowMs: now)
                meeting.cellID = cellID
                meeting.startsAtMS = at
                try records.insert(meeting, createdBy: actor.memberID, nowMs: now)
                try Invitations(connection: connection).invite(members, to: meeting.id)
                if let stored = try records.find(meeting.id) { list.meetings.append(stored.meeting) }
            }
            let book = NoticeBook(connection: connection, outbox: outbox, nowMs: now)
            let memberIDs = members.map(\.memberID)
            if let first = list.meetings.first {
                try book.send(.scheduled, about: first, to: memberIDs, phones: phones,
                              body: NoticeKind.scheduled.body(first, meetings: list.meetings.count))
            }
            for meeting in list.meetings { try book.send(.reminder, about: meeting, to: memberIDs, phones: phones) }
            try call?.remember(list, in: connection)
            return list
        }
    }

    func getMeeting(_ request: GetMeetingRequest, context: CallContext) async throws -> Meeting {
        let actor = try actor(context)
        let tree = self.tree.tree
        return try await read { connection in
            try Self.visibleMeeting(request.meetingID, to: actor, tree: tree, in: connection).0.meeting
        }
    }

    func rescheduleMeeting(_ request: RescheduleMeetingRequest, context: CallContext) async throws -> Meeting {
        let actor = try actor(context)
        let place = try TextInput.checked(request.place, field: "place", limit: .name, required: false)
        let reason = try TextInput.freeText(request.reason, field: "reason")
        guard !reason.isEmpty else { throw RPCError.invalidArgument(field: "reason", "is required") }
        guard request.startsAtMS > 0 else { throw RPCError.invalidArgument(field: "starts_at_ms", "must be a time") }
        let (tree, outbox) = (self.tree.tree, self.outbox)
        let phones = try await phonesOfInvited(request.meetingID, by: actor, tree: tree, to: "reschedule it",
                                               context: context)
        return try await writeAndNotify { connection, now in
            let stored = try Self.runMeeting(request.meetingID, by: actor, tree: tree, in: connection, to: "reschedule it")
            try Self.require(stored.meeting, in: [.scheduled], to: "reschedule it")
            guard request.startsAtMS > now else {
                throw RPCError.invalidArgument(field: "starts_at_ms", "must be in the future")
            }
            let records = MeetingRecords(connection: connection)
            try records.reschedule(stored.meeting.id, to: request.startsAtMS, place: place.isEmpty ? nil : place,
                                   reason: reason)
            guard let moved = try records.find(stored.meeting.id) else { throw Self.unseen }
            let book = NoticeBook(connection: connection, outbox: outbox, nowMs: now)
            let members = try Invitations(connection: connection).memberIDs(moved.meeting.id)
            try book.withdrawReminders(of: moved.meeting.id)
            try book.send(.changed(revision: moved.revision), about: moved.meeting, to: members, phones: phones)
            try book.send(.reminder, about: moved.meeting, to: members, phones: phones)
            return moved.meeting
        }
    }

    func cancelMeeting(_ request: CancelMeetingRequest, context: CallContext) async throws -> Meeting {
        let actor = try actor(context)
        let reason = try TextInput.freeText(request.reason, field: "reason")
        guard !reason.isEmpty else { throw RPCError.invalidArgument(field: "reason", "is required") }
        let (tree, outbox) = (self.tree.tree, self.outbox)
        let phones = try await phonesOfInvited(request.meetingID, by: actor, tree: tree, to: "cancel it",
                                               context: context)
        return try await writeAndNotify { connection, now in
            let (cancelled, changed) = try Self.transition(request.meetingID, by: actor, tree: tree, in: connection,
                                                           from: [.scheduled], to: .cancelled, action: "cancel it") {
                try MeetingRecords(connection: connection).setState($0, .cancelled, reason: reason)
            }
            guard changed else { return cancelled.meeting }
            let book = NoticeBook(connection: connection, outbox: outbox, nowMs: now)
            try book.withdrawReminders(of: cancelled.meeting.id)
            try book.send(.cancelled, about: cancelled.meeting,
                          to: try Invitations(connection: connection).memberIDs(cancelled.meeting.id), phones: phones)
            return cancelled.meeting
        }
    }

    /// Opens the meeting for check-in; the roster is read again, so a member who joined
    /// the cell since the scheduling is invited too.
    func openMeeting(_ request: OpenMeetingRequest, context: CallContext) async throws -> Meeting {
        let actor = try actor(context)
        let tree = self.tree.tree
        let cellID = try await read { connection in
            try Self.runMeeting(request.meetingID, by: actor, tree: tree, in: connection, to: "open it").meeting.cellID
        }
        let members = try await roster.members(of: cellID, context: context)
        return try await write { connection, now in
            try Self.transition(request.meetingID, by: actor, tree: tree, in: connection, from: [.scheduled], to: .open,
                                action: "open it") { meetingID in
                try Invitations(connection: connection).invite(members, to: meetingID)
                try MeetingRecords(connection: connection).setState(meetingID, .open, openedAtMs: now)
            }.0.meeting
        }
    }

    func closeMeeting(_ request: CloseMeetingRequest, context: CallContext) async throws -> Meeting {
        let actor = try actor(context)
        let tree = self.tree.tree
        return try await write { connection, now in
            try Self.transition(request.meetingID, by: actor, tree: tree, in: connection, from: [.open], to: .closed,
                                action: "close it") {
                try MeetingRecords(connection: connection).setState($0, .closed, closedAtMs: now)
            }.0.meeting
        }
    }

    /// Moves a meeting the caller runs from one of `states` to `target` with `change`
    /// and answers it as it is now; a meeting already in `target` is answered as it is
    /// (a retried call changes nothing), with `changed` false.
    static func transition(_ meetingID: String, by actor: Actor, tree: OrgTree, in connection: Connection,
                           from states: Set<MeetingState>, to target: MeetingState, action: String,
                           _ change: (String) throws -> Void) throws -> (StoredMeeting, changed: Bool) {
        let stored = try runMeeting(meetingID, by: actor, tree: tree, in: connection, to: action)
        if stored.meeting.state == target { return (stored, false) }
        try require(stored.meeting, in: states, to: action)
        try change(stored.meeting.id)
        guard let after = try MeetingRecords(connection: connection).find(stored.meeting.id) else { throw unseen }
        return (after, true)
    }

    /// Phones for the notices of a change to a meeting the caller runs: read before the
    /// write, so org is never called inside a transaction.
    func phonesOfInvited(_ meetingID: String, by actor: Actor, tree: OrgTree, to action: String,
                         context: CallContext) async throws -> [String: String] {
        let invited = try await read { connection in
            let stored = try Self.runMeeting(meetingID, by: actor, tree: tree, in: connection, to: action)
            return try Invitations(connection: connection).memberIDs(stored.meeting.id)
        }
        return try await phonesForNotices(invited, context: context)
    }

    /// Phones of the members who have not used the app (they are told by SMS).
    func phonesForNotices(_ memberIDs: [String], context: CallContext) async throws -> [String: String] {
        let outbox = self.outbox
        let withoutApp = try await read { connection, now in
            try NoticeBook(connection: connection, outbox: outbox, nowMs: now).withoutApp(memberIDs)
        }
        return try await roster.phones(of: withoutApp, context: context)
    }

    /// A meeting's title, place, kind and agenda, checked field by field.
    static func checkedTemplate(_ template: MeetingTemplate?) throws -> Meeting {
        guard let template else { throw RPCError.invalidArgument(field: "template", "is required") }
        var meeting = Meeting()
        switch template.kind {
        case .regular, .thematic: meeting.kind = template.kind
        default: throw RPCError.invalidArgument(field: "template.kind", "must be REGULAR or THEMATIC")
        }
        meeting.title = try TextInput.name(template.title, field: "template.title")
        meeting.place = try TextInput.name(template.place, field: "template.place")
        guard template.agenda.count <= maxAgendaItems else {
            throw RPCError.invalidArgument(field: "template.agenda", "at most \(maxAgendaItems) items")
        }
        meeting.agenda = try template.agenda.enumerated().map { index, given in
            var item = AgendaItem()
            item.title = try TextInput.name(given.title, field: "template.agenda[\(index)].title")
            guard given.documentIDs.count <= maxDocumentsPerItem else {
                throw RPCError.invalidArgument(field: "template.agenda[\(index)].document_ids",
                                               "at most \(maxDocumentsPerItem) documents")
            }
            item.documentIDs = try given.documentIDs.map { id throws(RPCError) in
                try TextInput.checked(id, field: "template.agenda[\(index)].document_ids", limit: .documentID)
            }
            return item
        }
        meeting.state = .scheduled
        return meeting
    }
}

extension TextLimit {
    /// A content item's id: opaque to this service, one short line.
    static let documentID = TextLimit(maxCharacters: 64)
    /// The minutes of a meeting: long, many lines.
    static let minutes = TextLimit(maxCharacters: 50_000, multiline: true)
}
