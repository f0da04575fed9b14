import Gateway
import RPC

/// The member's home screen as the mobile gateway gathers it (Shared/Gateway's
/// `HomeScreenClient`: org, content, meeting, learning and feedback at once, under one
/// deadline), asked again until `shows` holds: each service follows org's tree a few
/// seconds behind it, and a cell created a moment ago may not be known everywhere yet.
func homeScreen(of app: MemberApp, suite: RunningSuite, until shows: (HomeScreen) -> Bool) async throws -> HomeScreen {
    let client = HomeScreenClient(org: suite.org.channel, content: suite.content.channel, meeting: suite.meeting.channel,
                                  learning: suite.learning.channel, feedback: suite.feedback.channel)
    let deadline = ContinuousClock.now + .seconds(90)
    while true {
        let screen = await client.load(memberID: app.memberID, metadata: app.options.metadata, budget: .seconds(10))
        if shows(screen) || ContinuousClock.now > deadline { return screen }
        try await Task.sleep(for: .milliseconds(250))
    }
}
