import Foundation
import OperatorCLI
import ServiceKit
import Testing

/// `sotay up` (and the benchmarks started as it starts services) point every service
/// at the suite's certificates, unless TLS is turned off; `sotay certs` renews them.
@Suite struct SuiteTLSLaunchTests {
    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("suite-tls-launch-\(UUID().uuidString)")
    }

    @Test func aLaunchPointsTheServiceAtTheSuitesCertificatesUnlessTLSIsOff() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = try SuiteKeyFiles.ensure(in: folder)
        let binaries = URL(fileURLWithPath: "/opt/sotay/bin")
        let secure = ServiceLaunch(service: .org, binaryFolder: binaries, listen: "127.0.0.1:7202", dataFolder: folder,
                                   keys: keys, base: [:])
        #expect(secure.environment["SOTAY_TLS"] == "on")
        #expect(secure.environment["SOTAY_TLS_CA_FILE"] == keys.certificates.caFile.path)
        #expect(secure.environment["SOTAY_ORG_TLS_CERT_FILE"] == keys.certificates.certificateFile(of: .org).path)
        #expect(FileManager.default.fileExists(atPath: keys.certificates.keyFile(of: .org).path))
        let plain = ServiceLaunch(service: .org, binaryFolder: binaries, listen: "127.0.0.1:7202", dataFolder: folder,
                                  keys: keys, base: ["SOTAY_TLS": "off"])
        #expect(plain.environment["SOTAY_TLS"] == "off")
        #expect(plain.environment["SOTAY_TLS_CA_FILE"] == nil)
    }

    @Test func sotayCertsRenewsEveryServicesCertificateFromTheSameAuthority() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificates = try SuiteKeyFiles.ensure(in: folder).certificates
        let authority = try String(contentsOf: certificates.caFile, encoding: .utf8)
        let before = try ServiceName.allCases.map { try String(contentsOf: certificates.certificateFile(of: $0), encoding: .utf8) }
        #expect(await OperatorCommand.run(["certs", "--data", folder.path]) == 0)
        let after = try ServiceName.allCases.map { try String(contentsOf: certificates.certificateFile(of: $0), encoding: .utf8) }
        #expect(try String(contentsOf: certificates.caFile, encoding: .utf8) == authority)
        for (old, new) in zip(before, after) { #expect(old != new) }
        #expect(await OperatorCommand.run(["certs", "--data"]) == 2)
    }
}
