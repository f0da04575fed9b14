import Foundation
import RPC
import RPCContracts
import ServiceTestSupport
import Store
@testable import ServiceKit

/// A service built with `ServiceMain.start` on port 0 in a test environment of its
/// own (ServiceTestSupport), and a channel to it; the way every service test starts
/// its service.
struct KitHarness: ScopedHarness {
    let environment: TestEnvironment
    let service: ServiceUnderTest

    var folder: URL { environment.folder.url }
    var keyFile: URL { URL(fileURLWithPath: environment.tokenKeyFile) }
    var running: RunningService { service.running }
    var channel: RPCChannel { service.channel }
    var codec: AccessTokenCodec { environment.tokens.codec }
    var logLines: @Sendable () -> [String] { service.log }

    static func start(_ definition: ServiceDefinition) async throws -> KitHarness {
        let environment = try TestEnvironment("kit")
        do {
            let service = try await environment.start(definition, extra: ["SOTAY_LOG_LEVEL": "debug"])
            return KitHarness(environment: environment, service: service)
        } catch {
            await environment.stop()
            throw error
        }
    }

    static func with<T>(_ definition: ServiceDefinition, _ body: (KitHarness) async throws -> T) async throws -> T {
        try await scoped({ try await start(definition) }, body)
    }

    /// Call options carrying a token for `memberID` with `grants`.
    func options(memberID: String = "m-1", grants: [Grant] = []) throws -> CallOptions {
        try environment.tokens.options(memberID, grants, unitID: "u-cell")
    }

    func stop() async {
        await environment.stop()
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
