import ContentContracts
import MeetingContracts
import OrgContracts
import RPC

/// What the member's first screen shows: her profile, the newest of the feed, and her
/// coming meetings.
struct HomeScreen {
    let profile: Member
    let feed: [ContentContracts.Item]
    let meetings: [Meeting]
}

/// The home screen through the calls that exist today, one per service (org's
/// GetMember of herself, content's ListFeed, meeting's ListMyMeetings). When the
/// aggregated home-screen call lands, this is the one place to switch to it.
func homeScreen(of app: MemberApp, suite: RunningSuite) async throws -> HomeScreen {
    var member = GetMemberRequest()
    member.memberID = app.memberID
    var feed = ListFeedRequest()
    feed.pageSize = 20
    var meetings = ListMyMeetingsRequest()
    let now = JourneyClock.nowMs
    (meetings.fromMS, meetings.toMS, meetings.pageSize) = (now - JourneyClock.dayMs, now + 30 * JourneyClock.dayMs, 20)
    return HomeScreen(profile: try await suite.org.getMember(member, options: app.options),
                      feed: try await suite.content.listFeed(feed, options: app.options).items,
                      meetings: try await suite.meeting.listMyMeetings(meetings, options: app.options).meetings)
}
