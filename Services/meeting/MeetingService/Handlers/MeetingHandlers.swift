import MeetingContracts
import OrgTreeReplica
import RPC
import RPCContracts
import ServiceKit
import ServiceToolkit
import Store

/// The meeting service's handlers: input checks, then rights (from the caller's grants
/// and the org-tree replica, or the meeting's invitations), then the domain.
struct MeetingHandlers: MeetingServiceHandler, ClockedStorage {
    let database: Database
    let clock: WallClock
    let tree: OrgTreeReplica
    let roster: CellRoster
    let outbox: Outbox
    let deliverer: OutboxDeliverer
    let subtreeCells = SubtreeCellCache()

    /// Who runs a cell's meetings and sees a subtree's calendar and statistics: a
    /// grant on the cell or above it.
    static let staff: Set<Role> = [.cellSecretary, .committeeStaff, .administrator]

    /// The same answer for a meeting that does not exist and one the caller may not see.
    static let unseen = RPCError(.notFound, "meeting_id: no meeting you may see")

    /// A write that may have put notices in the outbox: the deliverer is woken once it
    /// has committed.
    func writeAndNotify<T: Sendable>(_ body: @escaping @Sendable (Connection, Int64) throws -> T) async throws -> T {
        let result = try await write(body)
        deliverer.wake()
        return result
    }

    /// Where `unitID` sits, from the replica (no ancestors for a unit it does not know,
    /// so only a grant on that very id could cover it).
    func placement(_ unitID: String) -> PlacedUnit {
        PlacedUnit(id: unitID, ancestorIDs: tree.ancestors(of: unitID) ?? [])
    }

    /// The caller as a participant: who acts, and the secretary behind a proxy token.
    struct Actor: Sendable {
        let access: CallerAccess
        var memberID: String { access.caller.memberID }
        var proxy: String? { access.caller.proxyMemberID }
        func isStaff(on cell: PlacedUnit) -> Bool { access.holds(MeetingHandlers.staff, on: cell) }
    }

    func actor(_ context: CallContext) throws -> Actor {
        Actor(access: try CallerAccess(context))
    }

    /// The meeting, if the caller may see it: invited to it, or staff of its cell.
    static func visibleMeeting(_ meetingID: String, to actor: Actor, tree: OrgTree, in connection: Connection) throws
        -> (StoredMeeting, staff: Bool)
    {
        let meetingID = try RecordID.checked(meetingID, prefix: "mt", field: "meeting_id")
        guard let stored = try MeetingRecords(connection: connection).find(meetingID) else { throw unseen }
        let cell = PlacedUnit(id: stored.meeting.cellID, ancestorIDs: tree.ancestors(of: stored.meeting.cellID) ?? [])
        if actor.isStaff(on: cell) { return (stored, true) }
        guard try Invitations(connection: connection).entry(meetingID, actor.memberID) != nil else { throw unseen }
        return (stored, false)
    }

    /// The meeting, if the caller runs it; a member who may only see it is refused.
    static func runMeeting(_ meetingID: String, by actor: Actor, tree: OrgTree, in connection: Connection,
                           to action: String) throws -> StoredMeeting {
        let (stored, staff) = try visibleMeeting(meetingID, to: actor, tree: tree, in: connection)
        guard staff else { throw RPCError(.permissionDenied, "only the cell's secretary may \(action)") }
        return stored
    }

    static func require(_ meeting: Meeting, in states: Set<MeetingState>, to action: String) throws {
        try require(meeting.state, in: states, to: action)
    }

    static func require(_ state: MeetingState, in states: Set<MeetingState>, to action: String) throws {
        guard states.contains(state) else {
            throw RPCError(.failedPrecondition, "the meeting is \(stateName(state)); cannot \(action)")
        }
    }

    static func stateName(_ state: MeetingState) -> String {
        switch state {
        case .scheduled: "scheduled"
        case .open: "open"
        case .closed: "closed"
        case .minutesApproved: "closed with approved minutes"
        case .cancelled: "cancelled"
        default: "in an unknown state"
        }
    }
}
