import AuthContracts
import Foundation
import OrgContracts
import RPC
import RPCContracts
import ServiceKit

/// sotay-org and sotay-auth started as processes in a temporary folder with a shared
/// token key, and clients for both.
struct RunningSuite {
    let folder: URL
    let orgProcess: RunningExecutable
    let authProcess: RunningExecutable
    let org: OrgServiceClient
    let auth: AuthServiceClient
    let codec: AccessTokenCodec
    private let channels: [RPCChannel]

    static func start() async throws -> RunningSuite {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-system-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tokenKey = folder.appendingPathComponent("token.key")
        let dataKey = folder.appendingPathComponent("org-data.key")
        let authDataKey = folder.appendingPathComponent("auth-data.key")
        try (try TokenKeyRing.newKeyLine(id: "k1") + "\n").write(to: tokenKey, atomically: true, encoding: .utf8)
        try (try TokenKeyRing.newKeyLine(id: "d1") + "\n").write(to: dataKey, atomically: true, encoding: .utf8)
        try (try TokenKeyRing.newKeyLine(id: "a1") + "\n").write(to: authDataKey, atomically: true, encoding: .utf8)
        let common = ["SOTAY_TOKEN_KEY_FILE": tokenKey.path, "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_LOG_LEVEL": "info"]
        let org = try await RunningExecutable.start("sotay-org", environment: common.merging([
            "SOTAY_DATA_DIR": folder.appendingPathComponent("org").path, "SOTAY_ORG_DATA_KEY_FILE": dataKey.path,
        ]) { $1 })
        let auth = try await RunningExecutable.start("sotay-auth", environment: common.merging([
            "SOTAY_DATA_DIR": folder.appendingPathComponent("auth").path, "SOTAY_ORG_ADDR": "127.0.0.1:\(org.port)",
            "SOTAY_AUTH_DATA_KEY_FILE": authDataKey.path,
        ]) { $1 })
        // A generous deadline: tests run many services at once on a small machine, and a
        // slow moment must not fail a test that checks behaviour, not speed.
        let orgChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: org.port)],
                                    configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        let authChannel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: auth.port)],
                                     configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        return RunningSuite(folder: folder, orgProcess: org, authProcess: auth, org: OrgServiceClient(channel: orgChannel),
                            auth: AuthServiceClient(channel: authChannel),
                            codec: AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: tokenKey.path)),
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
        var claims = AccessTokenClaims()
        claims.memberID = memberID
        claims.grants = grants.map { role, unit in
            var grant = Grant()
            grant.role = role
            grant.unitID = unit
            return grant
        }
        claims.issuedAtMS = WallClock.system.nowMs
        claims.expiresAtMS = claims.issuedAtMS + 600_000
        return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }

    /// The code in the newest message the local SMS outbox holds for `phone`. Auth
    /// delivers after its commit, so this waits for the line (a generous bound, not a
    /// timing assumption: it returns as soon as the line is there).
    func lastCode(sentTo phone: String) async -> String? {
        let outbox = folder.appendingPathComponent("auth/outbox.txt")
        for _ in 0..<3_000 {
            if let text = try? String(contentsOf: outbox, encoding: .utf8),
               let line = text.split(separator: "\n").last(where: { $0.contains(" \(phone) ") }) {
                let words = line.split(whereSeparator: { !$0.isNumber })
                return words.last(where: { $0.count == 6 }).map(String.init)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// SIGTERM to auth then org; their exit statuses.
    func stop() async -> [Int32] {
        for channel in channels { channel.close() }
        let statuses = [await authProcess.terminate(), await orgProcess.terminate()]
        try? FileManager.default.removeItem(at: folder)
        return statuses
    }
}
