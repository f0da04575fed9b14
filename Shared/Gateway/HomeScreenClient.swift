import ContentContracts
import FeedbackContracts
import LearningContracts
import MeetingContracts
import OrgContracts
import RPC
import ServiceKit

/// The mobile gateway's client for the home screen: one call to each of org (the
/// profile), content, meeting, learning and feedback (their "for this member"
/// summaries), all at once and all under one deadline. It returns when every part has
/// answered or failed, which the deadline bounds: a slow or stopped service costs the
/// screen its part, never more than the budget.
public struct HomeScreenClient: Sendable {
    let org: OrgServiceClient
    let content: ContentHomeServiceClient
    let meeting: MeetingHomeServiceClient
    let learning: LearningHomeServiceClient
    let feedback: FeedbackHomeServiceClient

    /// The gateway's channels to each service (with the service's replicas).
    public init(org: RPCChannel, content: RPCChannel, meeting: RPCChannel, learning: RPCChannel, feedback: RPCChannel) {
        self.org = OrgServiceClient(channel: org)
        self.content = ContentHomeServiceClient(channel: content)
        self.meeting = MeetingHomeServiceClient(channel: meeting)
        self.learning = LearningHomeServiceClient(channel: learning)
        self.feedback = FeedbackHomeServiceClient(channel: feedback)
    }

    private enum Part: Sendable {
        case profile(Member)
        case reading(ContentContracts.HomeSummary)
        case meetings(MeetingContracts.HomeSummary)
        case study(LearningContracts.HomeSummary)
        case feedback(FeedbackContracts.HomeSummary)
        case failed(ServiceName, String)
    }

    /// The home screen of `memberID`, calling with the member's own `authorization`
    /// metadata (each service checks it), within `budget`.
    public func load(memberID: String, metadata: [String: String], budget: Duration) async -> HomeScreen {
        var shared = CallOptions(metadata: metadata)
        shared.deadline = .after(budget)
        let options = shared
        var profileRequest = GetMemberRequest()
        profileRequest.memberID = memberID
        let profile = profileRequest
        return await withTaskGroup(of: Part.self) { group in
            group.addTask { await Self.part(.org) { .profile(try await org.getMember(profile, options: options)) } }
            group.addTask { await Self.part(.content) { .reading(try await content.getHomeSummary(.init(), options: options)) } }
            group.addTask { await Self.part(.meeting) { .meetings(try await meeting.getHomeSummary(.init(), options: options)) } }
            group.addTask { await Self.part(.learning) { .study(try await learning.getHomeSummary(.init(), options: options)) } }
            group.addTask { await Self.part(.feedback) { .feedback(try await feedback.getHomeSummary(.init(), options: options)) } }
            var screen = HomeScreen()
            for await part in group {
                switch part {
                case .profile(let member): screen.profile = member
                case .reading(let summary): screen.reading = summary
                case .meetings(let summary): screen.meetings = summary
                case .study(let summary): screen.study = summary
                case .feedback(let summary): screen.feedback = summary
                case .failed(let service, let reason): screen.missing[service] = reason
                }
            }
            return screen
        }
    }

    private static func part(_ service: ServiceName, _ call: () async throws -> Part) async -> Part {
        do {
            return try await call()
        } catch let error as RPCError {
            return .failed(service, "\(StatusName.name(error.code)): \(error.message)")
        } catch {
            return .failed(service, "\(error)")
        }
    }
}
