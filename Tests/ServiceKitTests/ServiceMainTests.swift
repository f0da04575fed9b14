import AdminContracts
import Foundation
import RPC
import RPCContracts
import TestSupport
import Testing
import Wire
@testable import ServiceKit

@Suite struct ServiceMainTests {
    func call<Response: WireMessage>(
        _ harness: KitHarness, _ method: String, _ key: String = "", options: CallOptions = CallOptions(),
        as: Response.Type
    ) async throws -> Response {
        var request = HealthCheckRequest()
        request.service = key
        return try await harness.channel.unary(path: NotesService.path(method), request: request, response: Response.self,
                                               idempotent: false, options: options)
    }

    @Test func aCallWithoutATokenIsUnauthenticatedUnlessTheMethodIsPublic() async throws {
        try await KitHarness.with(NotesService.definition) { harness in
            #expect(await statusCode { _ = try await call(harness, "WhoAmI", as: Status.self) } == .unauthenticated)
            #expect(await statusCode { _ = try await call(harness, "Ping", as: HealthCheckResponse.self) } == .ok)
        }
    }

    @Test func aValidTokenPutsTheCallerIntoTheContext() async throws {
        try await KitHarness.with(NotesService.definition) { harness in
            let answer = try await call(harness, "WhoAmI", options: try harness.options(memberID: "m-77"), as: Status.self)
            #expect(answer.message == "m-77")
        }
    }

    @Test func aBadTokenIsRefusedEvenOnAPublicMethod() async throws {
        try await KitHarness.with(NotesService.definition) { harness in
            let forged = CallOptions(metadata: [MetadataKey.authorization: "Bearer v1.k1.AAAA.AAAA"])
            #expect(await statusCode { _ = try await call(harness, "Ping", options: forged, as: HealthCheckResponse.self) } == .unauthenticated)
            let notBearer = CallOptions(metadata: [MetadataKey.authorization: "Basic abc"])
            #expect(await statusCode { _ = try await call(harness, "Ping", options: notBearer, as: HealthCheckResponse.self) } == .unauthenticated)
        }
    }

    @Test func aDuplicateKeyFromTheStoreIsAlreadyExists() async throws {
        try await KitHarness.with(NotesService.definition) { harness in
            let options = try harness.options()
            _ = try await call(harness, "Remember", "k", options: options, as: HealthCheckResponse.self)
            #expect(await statusCode { _ = try await call(harness, "Remember", "k", options: options, as: HealthCheckResponse.self) }
                    == .alreadyExists)
        }
    }

    @Test func metricsCountCallsByMethodAndCodeForOperatorsOnly() async throws {
        try await KitHarness.with(NotesService.definition) { harness in
            _ = try await call(harness, "Ping", as: HealthCheckResponse.self)
            _ = await statusCode { _ = try await call(harness, "WhoAmI", as: Status.self) }
            let admin = AdminClient(channel: harness.channel)
            #expect(await statusCode { _ = try await admin.metrics(MetricsRequest(), options: try harness.options()) } == .permissionDenied)
            var operatorGrant = Grant()
            operatorGrant.role = .operator
            let text = try await admin.metrics(MetricsRequest(), options: try harness.options(grants: [operatorGrant])).prometheusText
            #expect(text.contains(#"sotay_rpc_calls_total{code="OK",method="/sotay.test.v1.Notes/Ping",service="content"} 1"#))
            #expect(text.contains(#"sotay_rpc_calls_total{code="UNAUTHENTICATED",method="/sotay.test.v1.Notes/WhoAmI",service="content"} 1"#))
        }
    }

    @Test func anOperatorBacksUpTheDatabaseAndChecksItsIntegrity() async throws {
        try await KitHarness.with(NotesService.definition) { harness in
            var operatorGrant = Grant()
            operatorGrant.role = .operator
            let options = try harness.options(grants: [operatorGrant])
            _ = try await call(harness, "Remember", "kept", options: options, as: HealthCheckResponse.self)
            let admin = AdminClient(channel: harness.channel)
            var request = BackupRequest()
            request.path = harness.folder.appendingPathComponent("copy.sqlite").path
            let backup = try await admin.backup(request, options: options)
            #expect(backup.sizeBytes > 0)
            #expect(FileManager.default.fileExists(atPath: request.path))
            // A second backup to the same file is refused rather than overwriting it.
            #expect(await statusCode { _ = try await admin.backup(request, options: options) } == .invalidArgument)
            request.path = "relative.sqlite"
            #expect(await statusCode { _ = try await admin.backup(request, options: options) } == .invalidArgument)
            #expect(try await admin.integrityCheck(IntegrityCheckRequest(), options: options).problems.isEmpty)
        }
    }

    @Test func everyCallIsLoggedWithItsRequestIDAndStatusButNoPayload() async throws {
        let harness = try await KitHarness.start(NotesService.definition)
        var options = try harness.options()
        options.metadata[MetadataKey.requestID] = "req-123"
        _ = try await call(harness, "Remember", "0912345678", options: options, as: HealthCheckResponse.self)
        await harness.stop()
        let lines = harness.logLines()
        #expect(lines.contains { $0.contains("\"request_id\":\"req-123\"") && $0.contains("\"status\":\"OK\"") })
        #expect(!lines.joined().contains("0912345678"))
    }

    @Test func aMissingKeyFileFailsTheStartNamingTheVariable() async throws {
        await #expect {
            _ = try await ServiceMain.start(NotesService.definition, environment: [
                "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_TOKEN_KEY_FILE": "/nonexistent/token.key",
            ])
        } throws: { error in
            let failure = error as? ServiceStartError
            return failure?.exitStatus == ServiceMain.configurationErrorStatus
                && failure?.description.contains("SOTAY_TOKEN_KEY_FILE") == true
        }
    }
}
