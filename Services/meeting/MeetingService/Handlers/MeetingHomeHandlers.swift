import MeetingContracts
import RPC
import ServiceToolkit

/// Meeting's part of the app's home screen: the member's next meeting (open now, or the
/// soonest scheduled), whether they have checked in, the votes waiting for them in it,
/// and their open tasks.
struct MeetingHomeHandlers: MeetingHomeServiceHandler {
    let handlers: MeetingHandlers
    /// A meeting scheduled this long ago and still not opened is still shown: a cell may
    /// open late on the evening itself.
    static let lateOpening: Int64 = 12 * 3_600_000

    func getHomeSummary(_ request: GetHomeSummaryRequest, context: CallContext) async throws -> HomeSummary {
        let memberID = try handlers.actor(context).memberID
        return try await handlers.read { connection, now in
            let records = HomeRecords(connection: connection)
            var summary = HomeSummary()
            if let next = try records.nextMeeting(memberID: memberID, sinceMs: now - Self.lateOpening) {
                summary.nextMeeting = next.meeting
                summary.checkedIn = try records.checkedIn(meetingID: next.meeting.id, memberID: memberID)
                summary.pollsToVote = Int32(try records.pollsToVote(meetingID: next.meeting.id, memberID: memberID))
            }
            summary.openTasks = Int32(try records.openTasks(memberID: memberID))
            return summary
        }
    }
}
