import AuthService
import ContentService
import FeedbackService
import LearningService
import MeetingService
import OrgService
import ServiceKit

/// The six services' definitions, by name: what each reads and whom it calls.
enum SuiteDefinitions {
    static let all: [ServiceName: ServiceDefinition] = [
        .auth: AuthServiceDefinition.definition,
        .org: OrgServiceDefinition.definition,
        .content: ContentServiceDefinition.definition,
        .meeting: MeetingServiceDefinition.definition,
        .learning: LearningServiceDefinition.definition,
        .feedback: FeedbackServiceDefinition.definition,
    ]
}
