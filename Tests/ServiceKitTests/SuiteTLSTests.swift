import Foundation
import RPC
import RPCContracts
import Testing
@testable import ServiceKit

/// How services read their TLS from the environment, and the certificates `sotay up`
/// creates and `sotay certs` renews.
@Suite struct SuiteTLSTests {
    private func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("suite-tls-\(UUID().uuidString)")
    }

    @Test func tlsIsOnByDefaultWithTheFilesWhereSotayUpPutsThem() throws {
        let config = try ServiceConfig(service: .auth, calls: [.org], environment: [:])
        let server = try #require(config.serverConfiguration.tls)
        #expect(server.caFile == "./data/tls/ca.crt")
        #expect(server.certificateFile == "./data/tls/auth.crt")
        #expect(server.keyFile == "./data/tls/auth.key")
        let toOrg = try #require(config.channelConfiguration(to: .org).tls)
        #expect(toOrg.serverName == "org.sotay.internal")
        #expect(toOrg.certificateFile == "./data/tls/auth.crt", "a service presents its own certificate to its peers")
    }

    @Test func plainTCPOnlyWhenAskedForAndANonsenseSwitchIsRefusedByName() throws {
        let plain = try ServiceConfig(service: .org, environment: ["SOTAY_TLS": "off"])
        #expect(plain.tls == nil)
        #expect(plain.serverConfiguration.tls == nil)
        #expect(throws: ConfigError(variable: "SOTAY_TLS", problem: "'maybe' is neither on nor off")) {
            try ServiceConfig(service: .org, environment: ["SOTAY_TLS": "maybe"])
        }
        #expect(throws: ConfigError(variable: "SOTAY_ORG_TLS_KEY_FILE", problem: "is set but empty")) {
            try ServiceConfig(service: .org, environment: ["SOTAY_ORG_TLS_KEY_FILE": " "])
        }
    }

    @Test func aCertificateNameMapsBackToItsServiceOnly() {
        for service in ServiceName.allCases { #expect(ServiceName(certificateName: service.certificateName) == service) }
        #expect(ServiceName(certificateName: "org.example.com") == nil)
        #expect(ServiceName(certificateName: "gateway.sotay.internal") == nil)
    }

    @Test func theCertificatesAreOwnerOnlyKeptAcrossStartsAndRenewedFromTheSameAuthority() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try SuiteCertificates.ensure(in: folder)
        let files = [first.caFile] + ServiceName.allCases.flatMap { [first.certificateFile(of: $0), first.keyFile(of: $0)] }
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file.path)")
        }
        let authority = try String(contentsOf: first.caFile, encoding: .utf8)
        let orgCertificate = try String(contentsOf: first.certificateFile(of: .org), encoding: .utf8)
        try SuiteCertificates.ensure(in: folder)
        #expect(try String(contentsOf: first.certificateFile(of: .org), encoding: .utf8) == orgCertificate)
        try SuiteCertificates.renew(in: folder)
        #expect(try String(contentsOf: first.caFile, encoding: .utf8) == authority)
        #expect(try String(contentsOf: first.certificateFile(of: .org), encoding: .utf8) != orgCertificate)
    }

    @Test func servicesWithTheSuitesCertificatesCallEachOtherAndSeeWhoCalls() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tls = try SuiteCertificates.ensure(in: folder).tls
        var serverConfiguration = ServerConfiguration(host: "127.0.0.1", port: 0)
        serverConfiguration.tls = tls.server(for: .org)
        let server = RPCServer(configuration: serverConfiguration, services: [CallerNameService()])
        try server.start()
        var channelConfiguration = ChannelConfiguration()
        channelConfiguration.tls = tls.channel(to: .org, as: .auth)
        let channel = RPCChannel(addresses: [HostPort(host: "127.0.0.1", port: server.port)], configuration: channelConfiguration)
        let caller = try await channel.unary(path: CallerNameService.path, request: HealthCheckRequest(),
                                             response: HealthCheckRequest.self, idempotent: true, options: CallOptions())
        #expect(caller.service == "auth")
        channel.close()
        server.shutdownNow()
        await server.waitUntilStopped()
    }
}

/// Answers with the service named in the caller's certificate.
private struct CallerNameService: RPCService {
    static let path = "/sotay.test.v1.CallerName/Get"

    var serviceName: String { "sotay.test.v1.CallerName" }

    var methods: [RPCMethod] {
        [.unary(path: CallerNameService.path) { (_: HealthCheckRequest, context: CallContext) in
            var answer = HealthCheckRequest()
            answer.service = context.peerCertificateName.flatMap(ServiceName.init(certificateName:))?.rawValue ?? "(none)"
            return answer
        }]
    }
}
