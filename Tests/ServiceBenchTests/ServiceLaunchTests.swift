import Foundation
import OperatorCLI
import ServiceKit
import Testing

/// `sotay up` and the service benchmarks start services through `ServiceLaunch`: what
/// a benchmark measures is only what users run if the two agree on every variable.
@Suite struct ServiceLaunchTests {
    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("service-launch-\(UUID().uuidString)")
    }

    @Test func aLaunchSetsTheDesignsVariablesOverTheCallersEnvironment() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = try SuiteKeyFiles.ensure(in: folder)
        let launch = ServiceLaunch(service: .auth, binaryFolder: URL(fileURLWithPath: "/opt/sotay/bin"), listen: "127.0.0.1:7203",
                                   dataFolder: folder, keys: keys,
                                   base: ["SOTAY_LOG_LEVEL": "debug", "SOTAY_LISTEN": "0.0.0.0:1"],
                                   peerAddresses: [.org: "127.0.0.1:7202"])
        #expect(launch.executable.path == "/opt/sotay/bin/sotay-auth")
        #expect(launch.environment["SOTAY_LISTEN"] == "127.0.0.1:7203")
        #expect(launch.environment["SOTAY_DATA_DIR"] == folder.appendingPathComponent("auth").path)
        #expect(launch.environment["SOTAY_TOKEN_KEY_FILE"] == keys.token.path)
        #expect(launch.environment["SOTAY_ORG_DATA_KEY_FILE"] == keys.data[.org]?.path)
        #expect(launch.environment["SOTAY_ORG_ADDR"] == "127.0.0.1:7202")
        #expect(launch.environment["SOTAY_LOG_LEVEL"] == "debug")
        #expect(launch.logPath == folder.appendingPathComponent("logs/auth.log").path)
    }

    @Test func theKeyFilesAreCreatedOwnerOnlyAndKeptAcrossStarts() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try SuiteKeyFiles.ensure(in: folder)
        let firstToken = try String(contentsOf: first.token, encoding: .utf8)
        let second = try SuiteKeyFiles.ensure(in: folder)
        #expect(try String(contentsOf: second.token, encoding: .utf8) == firstToken)
        #expect(try String(contentsOf: #require(second.data[.org]), encoding: .utf8) == String(contentsOf: #require(first.data[.org]), encoding: .utf8))
        let permissions = try FileManager.default.attributesOfItem(atPath: first.token.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        _ = try TokenKeyRing(contentsOfFile: first.token.path)
    }
}
