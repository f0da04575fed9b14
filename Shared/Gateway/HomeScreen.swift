import ContentContracts
import FeedbackContracts
import LearningContracts
import MeetingContracts
import OrgContracts
import ServiceKit

/// Everything the app's home screen shows, gathered in one round trip: the member's
/// profile from org, and each service's summary for them. A part is nil when its
/// service did not answer in time or refused; `missing` says which and why, so the app
/// shows the rest and greys out that part instead of failing the whole screen.
public struct HomeScreen: Sendable {
    public var profile: Member?
    public var reading: ContentContracts.HomeSummary?
    public var meetings: MeetingContracts.HomeSummary?
    public var study: LearningContracts.HomeSummary?
    public var feedback: FeedbackContracts.HomeSummary?
    /// Service → the status it ended with ("DEADLINE_EXCEEDED: …", "UNAVAILABLE: …").
    public var missing: [ServiceName: String] = [:]

    public init() {}

    /// Whether every part arrived.
    public var isComplete: Bool { missing.isEmpty }
}
