import MeetingContracts
import OrgTreeReplica
import RPC
import ServiceToolkit
import Store

/// Calendars and oversight: a member's calendar, a subtree's, its monthly statistics
/// and the warning list of cells without their regular meeting, computed from the
/// records at the time of asking.
extension MeetingHandlers {
    func listMyMeetings(_ request: ListMyMeetingsRequest, context: CallContext) async throws -> MeetingList {
        let actor = try actor(context)
        let (from, to) = try Self.range(request.fromMS, request.toMS)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "my-meetings",
                                filters: ["\(from)", "\(to)"])
        return try await read { connection in
            let (afterStart, afterID) = Self.after(paging, from: from)
            let meetings = try MeetingRecords(connection: connection).meetings(
                where: """
                    id IN (SELECT meeting_id FROM invitations WHERE member_id = ?) AND starts_at_ms < ?
                    AND (starts_at_ms, id) > (?, ?) ORDER BY starts_at_ms, id LIMIT ?
                    """,
                [actor.memberID, to, afterStart, afterID, Int64(paging.pageSize + 1)])
            return Self.page(meetings.map(\.meeting), paging: paging, list: "my-meetings")
        }
    }

    func listSubtreeMeetings(_ request: ListSubtreeMeetingsRequest, context: CallContext) async throws -> MeetingList {
        let actor = try actor(context)
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        let (from, to) = try Self.range(request.fromMS, request.toMS)
        let paging = try Paging(pageSize: request.pageSize, pageToken: request.pageToken, list: "subtree-meetings",
                                filters: [unitID, "\(from)", "\(to)"])
        let tree = self.tree.tree
        try actor.access.require(Self.staff, on: placement(unitID), to: "see this unit's calendar")
        return try await read { connection in
            var (afterStart, afterID) = Self.after(paging, from: from)
            var found: [Meeting] = []
            // Read the period in order and keep the subtree's meetings, batch by batch.
            while found.count <= paging.pageSize {
                let batch = try MeetingRecords(connection: connection).meetings(
                    where: "starts_at_ms < ? AND (starts_at_ms, id) > (?, ?) ORDER BY starts_at_ms, id LIMIT 500",
                    [to, afterStart, afterID])
                found += batch.map(\.meeting).filter { tree.isUnit($0.cellID, inSubtreeOf: unitID) }
                guard let last = batch.last, batch.count == 500 else { break }
                (afterStart, afterID) = (last.meeting.startsAtMS, last.meeting.id)
            }
            return Self.page(Array(found.prefix(paging.pageSize + 1)), paging: paging, list: "subtree-meetings")
        }
    }

    func getSubtreeStats(_ request: MonthRequest, context: CallContext) async throws -> SubtreeStats {
        let (unitID, month, tree) = try checkedMonthRequest(request, context: context)
        let cells = subtreeCells.cells(of: unitID, in: tree)
        let cellIDs = Set(cells.map(\.id))
        return try await read { connection in
            let lines = try MonthFigures(connection: connection).lines(month: month).filter { cellIDs.contains($0.cellID) }
            let held = lines.filter(\.isHeld)
            var stats = SubtreeStats()
            stats.unitID = unitID
            stats.month = month
            stats.cells = Int32(cells.count)
            stats.cellsMet = Int32(Set(held.filter { $0.kind == .regular }.map(\.cellID)).count)
            stats.meetingsHeld = Int32(held.count)
            stats.meetingsOnTime = Int32(held.filter {
                $0.openedAtMs > 0 && $0.openedAtMs <= $0.startsAtMs + MonthFigures.onTimeGraceMs
            }.count)
            stats.invited = Int32(held.reduce(0) { $0 + $1.invited })
            stats.present = Int32(held.reduce(0) { $0 + $1.present })
            stats.attendanceRate = AttendanceRate.of(present: Int(stats.present), invited: Int(stats.invited))
            let ratingSum = held.reduce(0) { $0 + $1.ratingSum }
            stats.ratings = Int32(held.reduce(0) { $0 + $1.ratings })
            stats.averageRating = stats.ratings == 0 ? 0 : Double(ratingSum) / Double(stats.ratings)
            return stats
        }
    }

    func listWarningCells(_ request: MonthRequest, context: CallContext) async throws -> WarningList {
        let (unitID, month, tree) = try checkedMonthRequest(request, context: context)
        let cells = subtreeCells.cells(of: unitID, in: tree)
        return try await read { connection in
            let figures = MonthFigures(connection: connection)
            let held = try figures.cellsThatHeldTheirRegularMeeting(month: month)
            let missing = cells.filter { !held.contains($0.id) }
            let unheld = missing.isEmpty ? [:] : try figures.unheldRegularMeetings(month: month)
            var list = WarningList()
            list.unitID = unitID
            list.month = month
            list.cells = Int32(cells.count)
            list.cellsWithoutMeeting = missing.map { cell in
                var warning = WarningCell()
                warning.cellID = cell.id
                warning.name = cell.name
                warning.meetingID = unheld[cell.id]?.id ?? ""
                warning.meetingState = unheld[cell.id]?.state ?? .unspecified
                return warning
            }
            return list
        }
    }

    func setNoticePreferences(_ request: SetNoticePreferencesRequest, context: CallContext) async throws
        -> NoticePreferences
    {
        let actor = try actor(context)
        guard let preferences = request.preferences else {
            throw RPCError.invalidArgument(field: "preferences", "is required")
        }
        let outbox = self.outbox
        return try await write { connection, now in
            let book = NoticeBook(connection: connection, outbox: outbox, nowMs: now)
            try book.setPreferences(preferences, of: actor.memberID)
            if actor.proxy == nil { try book.markAppUser(actor.memberID) }
            return try book.preferences(of: actor.memberID)
        }
    }

    func getNoticePreferences(_ request: GetNoticePreferencesRequest, context: CallContext) async throws
        -> NoticePreferences
    {
        let actor = try actor(context)
        let outbox = self.outbox
        return try await read { connection, now in
            try NoticeBook(connection: connection, outbox: outbox, nowMs: now).preferences(of: actor.memberID)
        }
    }

    /// The unit, the month and one version of the tree, once the caller's rights on
    /// the unit are checked.
    private func checkedMonthRequest(_ request: MonthRequest, context: CallContext) throws
        -> (String, String, OrgTree)
    {
        let actor = try actor(context)
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        _ = try ReportMonth(checking: request.month, field: "month")
        let tree = self.tree.tree
        try actor.access.require(Self.staff, on: PlacedUnit(id: unitID, ancestorIDs: tree.ancestors(of: unitID) ?? []),
                                 to: "see this unit's meetings")
        return (unitID, request.month, tree)
    }

    /// A period: both ends given, the end after the start, at most a year and a bit.
    static func range(_ from: Int64, _ to: Int64) throws(RPCError) -> (Int64, Int64) {
        guard from > 0 else { throw .invalidArgument(field: "from_ms", "must be a time") }
        guard to > from else { throw .invalidArgument(field: "to_ms", "must be after from_ms") }
        guard to - from <= 400 * VietnamCalendar.dayMs else {
            throw .invalidArgument(field: "to_ms", "a period is at most 400 days")
        }
        return (from, to)
    }

    /// Where a page starts: after the token's (start, id), or at the period's start.
    static func after(_ paging: Paging, from: Int64) -> (Int64, String) {
        guard let after = paging.after, after.count == 2, let start = Int64(after[0]) else { return (from - 1, "") }
        return (start, after[1])
    }

    static func page(_ meetings: [Meeting], paging: Paging, list name: String) -> MeetingList {
        var list = MeetingList()
        list.meetings = Array(meetings.prefix(paging.pageSize))
        let last = list.meetings.last
        list.nextPageToken = paging.token(list: name, after: ["\(last?.startsAtMS ?? 0)", last?.id ?? ""],
                                          hasMore: meetings.count > paging.pageSize)
        return list
    }
}
