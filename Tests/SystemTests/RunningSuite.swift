import AuthContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport
import ServiceToolkit

/// sotay-org and sotay-auth started as processes in a test environment (a temporary
/// folder with the key files, 0600, as `sotay up` writes them), and clients for both.
struct RunningSuite {
    let environment: TestEnvironment
    let orgProcess: RunningExecutable
    let authProcess: RunningExecutable
    let org: OrgServiceClient
    let auth: AuthServiceClient
    private let channels: [RPCChannel]

    var folder: URL { environment.folder.url }

    static func start() async throws -> RunningSuite {
        // TLS on, as `sotay up` runs them: auth calls org with mutual TLS.
        let environment = try TestEnvironment("system", tls: true)
        let org = try await RunningExecutable.start(
            "sotay-org", environment: environment.environment(for: .org, extra: ["SOTAY_LOG_LEVEL": "info"]))
        let auth = try await RunningExecutable.start("sotay-auth", environment: environment.environment(
            for: .auth, extra: ["SOTAY_LOG_LEVEL": "info", "SOTAY_ORG_ADDR": "127.0.0.1:\(org.port)"]))
        let orgChannel = environment.channel(to: .org, port: org.port)
        let authChannel = environment.channel(to: .auth, port: auth.port)
        return RunningSuite(environment: environment, orgProcess: org, authProcess: auth,
                            org: OrgServiceClient(channel: orgChannel), auth: AuthServiceClient(channel: authChannel),
                            channels: [orgChannel, authChannel])
    }

    /// Runs `journey` against a fresh suite and stops the processes afterwards, also
    /// when the journey fails, so that no process outlives its test. Returns the exit
    /// statuses of auth and org.
    static func run(_ journey: (RunningSuite) async throws -> Void) async throws -> [Int32] {
        let suite = try await start()
        do {
            try await journey(suite)
        } catch {
            _ = await suite.stop()
            throw error
        }
        return await suite.stop()
    }

    /// Options with a token signed by the suite's key: how staff appear after logging in.
    func options(memberID: String, grants: [(Role, String)]) throws -> CallOptions {
        try environment.tokens.options(memberID, grants.map { role, unit in TestTokens.grant(role, unit) })
    }

    /// The code in the newest message the local SMS outbox holds for `phone`, once it
    /// arrives (auth delivers after its commit).
    func lastCode(sentTo phone: String) async -> String? {
        await OutboxFile(file: folder.appendingPathComponent("auth/outbox.txt")).newestCode(to: phone, timeout: .seconds(60))
    }

    /// SIGTERM to auth then org; their exit statuses.
    func stop() async -> [Int32] {
        for channel in channels { channel.close() }
        let statuses = [await authProcess.terminate(), await orgProcess.terminate()]
        environment.folder.remove()
        return statuses
    }
}
