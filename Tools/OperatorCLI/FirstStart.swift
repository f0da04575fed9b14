import Foundation
import OrgContracts
import RPC
import ServiceKit

/// What `sotay up` does once every service is healthy: when the org service runs and
/// its tree is empty (a first start), it loads the province preset, so the suite
/// shows real-looking data at once; later starts find units and skip it.
enum FirstStart {
    static func seedIfEmpty(services: [ServiceName], dataFolder: URL, tokenKeyFile: URL,
                            environment: [String: String]) async {
        guard services.contains(.org) else { return }
        var variables = environment
        // The supervisor starts org on its default port whatever SOTAY_ORG_ADDR says.
        variables[ServiceName.org.addressVariable] = "127.0.0.1:\(ServiceName.org.defaultPort)"
        variables["SOTAY_TOKEN_KEY_FILE"] = tokenKeyFile.path
        let operatorEnvironment = OperatorEnvironment(variables: variables)
        do {
            guard try await treeIsEmpty(operatorEnvironment) else { return }
            print("first start: the org tree is empty, loading the province preset (sotay seed --preset province) …")
            let seed = SeedCommand(preset: .province, seed: 1,
                                   folder: dataFolder.appendingPathComponent("seed/province"),
                                   importing: true, environment: operatorEnvironment)
            let status = try await seed.run()
            print(status == 0 ? "first start: the province preset is loaded"
                  : "first start: the province preset did not load (see above); the tree stays as it is")
            if status == 0 && services.contains(.feedback) {
                try await FeedbackDemo(environment: operatorEnvironment).seed()
            }
            if status == 0 && services.contains(.meeting) {
                try await MeetingSeed(environment: operatorEnvironment).run()
            }
        } catch {
            print("first start: could not load the province preset: \(error)")
        }
    }

    /// Loads the content library once org has a tree (ContentFirstStart).
    static func seedContent(services: [ServiceName], tokenKeyFile: URL, environment: [String: String]) async {
        guard services.contains(.org), services.contains(.content) else { return }
        var variables = environment
        // The supervisor starts every service on its default port whatever the variables say.
        for service in [ServiceName.org, .content] {
            variables[service.addressVariable] = "127.0.0.1:\(service.defaultPort)"
        }
        variables["SOTAY_TOKEN_KEY_FILE"] = tokenKeyFile.path
        await ContentFirstStart.seed(environment: OperatorEnvironment(variables: variables))
    }

    private static func treeIsEmpty(_ environment: OperatorEnvironment) async throws -> Bool {
        let channel = try environment.channel(to: .org)
        defer { channel.close() }
        var request = GetTreeSnapshotRequest()
        request.pageSize = 1
        let options = CallOptions(metadata: try OperatorToken.metadata(keyFile: environment.tokenKeyFile))
        return try await OrgServiceClient(channel: channel).getTreeSnapshot(request, options: options).units.isEmpty
    }
}
