import RPC
import Testing
@testable import ServiceKit

@Suite struct ConfigTests {
    @Test func defaultsRunTheSuiteOnOneMachine() throws {
        let config = try ServiceConfig(service: .auth, calls: [.org], environment: [:])
        #expect(config.listen == HostPort(host: "0.0.0.0", port: 7101))
        #expect(config.dataDirectory == "./data/auth")
        #expect(config.tokenKeyFile == "./data/token.key")
        #expect(config.addresses(of: .org) == [HostPort(host: "127.0.0.1", port: 7102)])
        #expect(config.logLevel == .info)
    }

    @Test func replicasAreCommaSeparated() throws {
        let config = try ServiceConfig(
            service: .content, calls: [.learning],
            environment: ["SOTAY_LEARNING_ADDR": "10.0.0.5:7105, 10.0.0.6:7105,[::1]:7205"])
        #expect(config.addresses(of: .learning) == [
            HostPort(host: "10.0.0.5", port: 7105), HostPort(host: "10.0.0.6", port: 7105), HostPort(host: "::1", port: 7205),
        ])
    }

    @Test func trustedCallersAreExemptFromTheServersPerAddressLimit() throws {
        let config = try ServiceConfig(service: .org, environment: ["SOTAY_TRUSTED_CALLERS": "10.0.0.9, ::1"])
        #expect(config.trustedCallers == ["10.0.0.9", "::1"])
        #expect(config.serverConfiguration.trustedAddresses == ["10.0.0.9", "::1"])
        #expect(try ServiceConfig(service: .org, environment: [:]).serverConfiguration.trustedAddresses.isEmpty)
    }

    @Test(arguments: [
        ("SOTAY_LISTEN", "7101"),
        ("SOTAY_LISTEN", "localhost:99999"),
        ("SOTAY_ORG_ADDR", "org:7102,"),
        ("SOTAY_ORG_ADDR", "org"),
        ("SOTAY_DATA_DIR", " "),
        ("SOTAY_LOG_LEVEL", "chatty"),
        ("SOTAY_TRUSTED_CALLERS", "gateway"),
    ])
    func aMalformedValueFailsNamingItsVariable(variable: String, value: String) {
        #expect {
            _ = try ServiceConfig(service: .auth, calls: [.org], environment: [variable: value])
        } throws: { error in
            (error as? ConfigError)?.variable == variable
        }
    }
}
