import Foundation
import RPC
import ServiceKit

/// Where the CLI finds the services and the key that signs its calls, from the same
/// variables the services read (docs/architecture.md §9).
struct OperatorEnvironment {
    let variables: [String: String]

    init(variables: [String: String] = ProcessInfo.processInfo.environment) {
        self.variables = variables
    }

    var tokenKeyFile: String { variables["SOTAY_TOKEN_KEY_FILE"] ?? "./data/token.key" }

    /// The first replica of `service` (the CLI talks to one process at a time).
    func address(of service: ServiceName) throws -> HostPort {
        guard let text = variables[service.addressVariable] else {
            return HostPort(host: "127.0.0.1", port: service.defaultPort)
        }
        guard let first = HostPort.parseList(text)?.first else {
            throw CLIError(description: "\(service.addressVariable): '\(text)' is not host:port")
        }
        return first
    }

    func service(named name: String) throws -> ServiceName {
        guard let service = ServiceName(rawValue: name.lowercased()) else {
            throw CLIError.usage("no service named '\(name)'")
        }
        return service
    }

    /// A channel to one service for a single command: short deadline (unless given),
    /// no retries beyond the channel's defaults, TLS checking the service's name (no
    /// client certificate: the CLI's token says who calls) unless `SOTAY_TLS=off`.
    func channel(to service: ServiceName, timeout: Duration = .seconds(5)) throws -> RPCChannel {
        var configuration = ChannelConfiguration()
        configuration.connectionsPerAddress = 1
        configuration.defaultTimeout = timeout
        do {
            configuration.tls = try SuiteTLS.fromEnvironment(variables)?.channel(to: service)
        } catch {
            throw CLIError(description: "\(error)", exitCode: ConfigError.exitStatus)
        }
        return RPCChannel(addresses: [try address(of: service)], configuration: configuration)
    }
}
