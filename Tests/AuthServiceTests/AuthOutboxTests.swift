import AuthContracts
import Foundation
import ServiceKit
import Testing
@testable import AuthService

/// Auth's codes and notices through the toolkit's outbox: delivered after the write
/// commits, gone from the table once delivered, never in clear in the database.
@Suite struct AuthOutboxTests {
    @Test func aLoginCodeIsDeliveredAfterCommitAndNeverStoredInClear() async throws {
        try await AuthHarness.with { harness in
            let lan = harness.people.lan
            _ = try await harness.register(lan)
            harness.waitOutResendCooldown()
            _ = try await harness.sendLoginCode(to: lan.phone, from: lan.address)
            let code = try await harness.lastCode(to: lan.phone)

            let waiting: Int64 = try await harness.auth.environment.database.read { connection in
                try connection.queryOne("SELECT COUNT(*) FROM outbox_messages")?.get(0) ?? 0
            }
            #expect(waiting == 0)
            for suffix in ["", "-wal"] {
                let file = harness.folder.appendingPathComponent("auth/auth.sqlite" + suffix)
                let bytes = (try? Data(contentsOf: file)) ?? Data()
                #expect(!bytes.isEmpty || suffix == "-wal")
                for text in [code, "mã xác thực"] { #expect(bytes.range(of: Data(text.utf8)) == nil) }
            }
            #expect(try await harness.confirmLogin(phone: lan.phone, code: code, from: lan.address).memberID == lan.memberID)
        }
    }

    @Test func authRefusesToStartWithoutItsDataKey() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sotay-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokenKey = folder.appendingPathComponent("token.key")
        try (try TokenKeyRing.newKeyLine(id: "k1") + "\n").write(to: tokenKey, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await ServiceMain.start(AuthServiceDefinition.definition, environment: [
                "SOTAY_LISTEN": "127.0.0.1:0", "SOTAY_DATA_DIR": folder.appendingPathComponent("auth").path,
                "SOTAY_TOKEN_KEY_FILE": tokenKey.path, "SOTAY_ORG_ADDR": "127.0.0.1:1",
                "SOTAY_AUTH_DATA_KEY_FILE": folder.appendingPathComponent("missing.key").path,
            ], logSink: LogSink.memory().0)
        } throws: { error in
            (error as? ServiceStartError).map { $0.exitStatus == 78 && $0.description.contains("SOTAY_AUTH_DATA_KEY_FILE") }
                ?? false
        }
    }
}
