import Foundation
import RPC
import RPCContracts
import Store
@testable import ServiceKit

/// A service built with `ServiceMain.start` on port 0 with its data in a temporary
/// folder, and a channel to it; the way every service test starts its service.
struct KitHarness {
    let folder: URL
    let keyFile: URL
    let running: RunningService
    let channel: RPCChannel
    let codec: AccessTokenCodec
    let logLines: @Sendable () -> [String]

    static func start(_ definition: ServiceDefinition) async throws -> KitHarness {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-kit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keyFile = folder.appendingPathComponent("token.key")
        try (try TokenKeyRing.newKeyLine(id: "k1") + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        let (sink, lines) = LogSink.memory()
        let running = try await ServiceMain.start(definition, environment: [
            "SOTAY_LISTEN": "127.0.0.1:0",
            "SOTAY_DATA_DIR": folder.appendingPathComponent("data").path,
            "SOTAY_TOKEN_KEY_FILE": keyFile.path,
            "SOTAY_LOG_LEVEL": "debug",
        ], logSink: sink)
        // A generous deadline: tests run many services at once on a small machine, and a
        // slow moment must not fail a test that checks behaviour, not speed.
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: running.port)],
                                 configuration: ChannelConfiguration(defaultTimeout: .seconds(60)))
        return KitHarness(folder: folder, keyFile: keyFile, running: running, channel: channel,
                          codec: AccessTokenCodec(keyRing: try TokenKeyRing(contentsOfFile: keyFile.path)),
                          logLines: lines)
    }

    /// Call options carrying a token for `memberID` with `grants`.
    func options(memberID: String = "m-1", grants: [Grant] = []) throws -> CallOptions {
        var claims = AccessTokenClaims()
        claims.memberID = memberID
        claims.unitID = "u-cell"
        claims.grants = grants
        claims.issuedAtMS = WallClock.system.nowMs
        claims.expiresAtMS = claims.issuedAtMS + 60_000
        return CallOptions(metadata: [MetadataKey.authorization: "Bearer " + (try codec.sign(claims))])
    }

    func stop() async {
        channel.close()
        await running.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A tiny service for the kit's tests, reusing the rpc/v1 messages as payloads:
/// `Remember` stores a key (HealthCheckRequest.service) under a unique constraint,
/// `WhoAmI` answers the caller's member id in a Status message, `Ping` is public.
struct NotesService: RPCService {
    static let name = "sotay.test.v1.Notes"
    static func path(_ method: String) -> String { "/\(name)/\(method)" }
    static let migrations = [Migration(1, "notes", sql: "CREATE TABLE notes (key TEXT PRIMARY KEY)")]

    let database: Database

    var serviceName: String { Self.name }

    var methods: [RPCMethod] {
        [
            RPCMethod.unary(path: Self.path("Remember")) { (request: HealthCheckRequest, _) in
                try await database.submit { connection in
                    try connection.execute("INSERT INTO notes (key) VALUES (?)", [request.service])
                }
                return HealthCheckResponse()
            },
            RPCMethod.unary(path: Self.path("WhoAmI")) { (_: HealthCheckRequest, context) in
                var status = Status()
                status.message = try context.requireCaller().memberID
                return status
            },
            RPCMethod.unary(path: Self.path("Ping")) { (_: HealthCheckRequest, _) in HealthCheckResponse() },
        ]
    }

    static let definition = ServiceDefinition(
        name: .content, migrations: migrations, publicMethods: [path("Ping")]
    ) { kit in [NotesService(database: kit.database)] }
}
