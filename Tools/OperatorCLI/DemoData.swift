import Foundation
import RPC
import ServiceKit

/// The demo data `sotay up` loads on a first start beyond org's preset (feedback's
/// routing and items, a month of meetings, a study program with its quiz, the content
/// library), for a suite whose services listen elsewhere than their default ports:
/// what a benchmark of the whole suite measures against.
public enum DemoData {
    /// Loads it into the services at `addresses` (org already holding the preset),
    /// signing as the operator with `tokenKeyFile`; each part only for a service given.
    public static func load(addresses: [ServiceName: HostPort], tokenKeyFile: String) async throws {
        var variables = ProcessInfo.processInfo.environment
        for (service, address) in addresses { variables[service.addressVariable] = address.description }
        variables["SOTAY_TOKEN_KEY_FILE"] = tokenKeyFile
        let environment = OperatorEnvironment(variables: variables)
        if addresses[.feedback] != nil { try await FeedbackDemo(environment: environment).seed() }
        if addresses[.meeting] != nil { try await MeetingSeed(environment: environment).run() }
        if addresses[.learning] != nil { _ = try await LearningFirstStart.seed(environment) }
        if addresses[.content] != nil { await ContentFirstStart.seed(environment: environment) }
    }
}
