import Foundation
import RPC
import ServiceKit

/// The demo data `sotay up` loads on a first start beyond org's preset (feedback's
/// routing and items, a month of meetings, a study program with its quiz, the content
/// library), for a suite whose services listen elsewhere than their default ports:
/// what a benchmark of the whole suite measures against.
public enum DemoData {
    /// Loads it into `services` (org already holding the preset), reaching them with
    /// `variables` as a service of that suite would (`SOTAY_<SERVICE>_ADDR`, the token
    /// key, TLS or `SOTAY_TLS=off`), signing as the operator.
    public static func load(into services: [ServiceName], variables: [String: String]) async throws {
        let environment = OperatorEnvironment(variables: variables)
        if services.contains(.feedback) { try await FeedbackDemo(environment: environment).seed() }
        if services.contains(.meeting) { try await MeetingSeed(environment: environment).run() }
        if services.contains(.learning) { _ = try await LearningFirstStart.seed(environment) }
        if services.contains(.content) { await ContentFirstStart.seed(environment: environment) }
    }
}
