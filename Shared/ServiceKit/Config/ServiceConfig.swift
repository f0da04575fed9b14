import Foundation
import RPC

/// Everything a service reads from its environment (docs/architecture.md §9), validated at start.
public struct ServiceConfig: Sendable {
    public let service: ServiceName
    /// `SOTAY_LISTEN`; default `0.0.0.0:<the service's port>`.
    public let listen: HostPort
    /// `SOTAY_DATA_DIR`; default `./data/<service>`. Holds the service's database.
    public let dataDirectory: String
    /// `SOTAY_TOKEN_KEY_FILE`; default `./data/token.key`.
    public let tokenKeyFile: String
    /// `SOTAY_LOG_LEVEL`; default `info`.
    public let logLevel: LogLevel
    /// `SOTAY_<PEER>_ADDR` for each service this one calls: comma-separated replicas;
    /// default `127.0.0.1:<the peer's port>`.
    public let peers: [ServiceName: [HostPort]]
    /// `SOTAY_TRUSTED_CALLERS`: comma-separated IPs exempt from the server's
    /// per-address connection limit (the gateway's); default none.
    public let trustedCallers: Set<String>
    /// `SOTAY_TLS` and the certificate files (`SuiteTLS`); nil when `SOTAY_TLS=off`.
    public let tls: SuiteTLS?

    /// Reads and checks the environment; the error names the first variable at fault.
    public init(
        service: ServiceName,
        calls peerNames: [ServiceName] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) {
        self.service = service
        listen = try Self.address("SOTAY_LISTEN", in: environment)
            ?? HostPort(host: "0.0.0.0", port: service.defaultPort)
        dataDirectory = try Self.path("SOTAY_DATA_DIR", in: environment) ?? "./data/\(service.rawValue)"
        tokenKeyFile = try Self.path("SOTAY_TOKEN_KEY_FILE", in: environment) ?? "./data/token.key"
        if let level = environment["SOTAY_LOG_LEVEL"] {
            guard let parsed = LogLevel(rawValue: level.lowercased()) else {
                throw ConfigError(variable: "SOTAY_LOG_LEVEL", problem: "'\(level)' is not one of debug, info, warning, error")
            }
            logLevel = parsed
        } else {
            logLevel = .info
        }
        var peers: [ServiceName: [HostPort]] = [:]
        for peer in peerNames {
            peers[peer] = try Self.replicas(peer.addressVariable, in: environment)
                ?? [HostPort(host: "127.0.0.1", port: peer.defaultPort)]
        }
        self.peers = peers
        trustedCallers = try Self.ipAddresses("SOTAY_TRUSTED_CALLERS", in: environment)
        tls = try SuiteTLS.fromEnvironment(environment)
    }

    /// The server's address and limits as this environment sets them.
    public var serverConfiguration: ServerConfiguration {
        var configuration = ServerConfiguration(host: listen.host, port: listen.port)
        configuration.trustedAddresses = trustedCallers
        configuration.tls = tls?.server(for: service)
        return configuration
    }

    /// How this service calls `peer`: with TLS on, mutual TLS (each proves its name).
    public func channelConfiguration(to peer: ServiceName) -> ChannelConfiguration {
        var configuration = ChannelConfiguration()
        configuration.tls = tls?.channel(to: peer, as: service)
        return configuration
    }

    /// A channel to `peer`'s replicas, configured as above.
    public func channel(to peer: ServiceName) -> RPCChannel {
        RPCChannel(addresses: addresses(of: peer), configuration: channelConfiguration(to: peer))
    }

    /// The service's SQLite file, inside its data directory.
    public var databasePath: String { dataDirectory + "/" + service.rawValue + ".sqlite" }

    /// The replicas of a peer this service was configured to call.
    public func addresses(of peer: ServiceName) -> [HostPort] {
        peers[peer] ?? [HostPort(host: "127.0.0.1", port: peer.defaultPort)]
    }

    private static func address(_ variable: String, in environment: [String: String]) throws(ConfigError) -> HostPort? {
        guard let value = environment[variable] else { return nil }
        guard let address = HostPort(value), !address.host.isEmpty else {
            throw ConfigError(variable: variable, problem: "'\(value)' is not host:port with a port from 0 to 65535")
        }
        return address
    }

    private static func replicas(_ variable: String, in environment: [String: String]) throws(ConfigError) -> [HostPort]? {
        guard let value = environment[variable] else { return nil }
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
        var addresses: [HostPort] = []
        for part in parts {
            guard let address = HostPort(part), !address.host.isEmpty, address.port > 0 else {
                throw ConfigError(variable: variable, problem: "'\(part)' is not host:port (list replicas separated by commas)")
            }
            addresses.append(address)
        }
        return addresses
    }

    private static func ipAddresses(_ variable: String, in environment: [String: String]) throws(ConfigError) -> Set<String> {
        guard let value = environment[variable] else { return [] }
        var addresses: Set<String> = []
        for part in value.split(separator: ",") {
            let address = part.trimmingCharacters(in: .whitespaces)
            var bytes = in6_addr()
            guard inet_pton(AF_INET, address, &bytes) == 1 || inet_pton(AF_INET6, address, &bytes) == 1 else {
                throw ConfigError(variable: variable, problem: "'\(address)' is not an IP address (list them separated by commas)")
            }
            addresses.insert(address)
        }
        return addresses
    }

    /// A path variable's value; nil when unset, an error when set but empty.
    static func path(_ variable: String, in environment: [String: String]) throws(ConfigError) -> String? {
        guard let value = environment[variable] else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ConfigError(variable: variable, problem: "is set but empty")
        }
        return value
    }
}
