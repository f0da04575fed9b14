import Foundation
import ServiceKit

/// How one service process is started: its executable, where it listens, its data
/// folder, the suite's key files and its log. `sotay up` builds one per service, and
/// the benchmarks that measure the real executables (bench-service, bench-abuse)
/// build theirs the same way, so what they measure is what `sotay up` runs.
public struct ServiceLaunch: Sendable {
    public let service: ServiceName
    public let executable: URL
    public let listen: String
    public let environment: [String: String]
    public let logPath: String
}

extension ServiceLaunch {
    /// `base` is the caller's environment; the variables of docs/architecture.md §9 are set over it.
    /// Peers are looked up at `peerAddresses` when given (the supervisor runs every
    /// service on its default port, where `SOTAY_<PEER>_ADDR`'s default finds it).
    public init(service: ServiceName, binaryFolder: URL, listen: String, dataFolder: URL, keys: SuiteKeyFiles,
                base: [String: String], peerAddresses: [ServiceName: String] = [:]) {
        var variables = keys.withTLS(base)
        variables["SOTAY_LISTEN"] = listen
        variables["SOTAY_DATA_DIR"] = dataFolder.appendingPathComponent(service.rawValue).path
        variables["SOTAY_TOKEN_KEY_FILE"] = keys.token.path
        for (owner, file) in keys.data { variables[owner.dataKeyFileVariable] = file.path }
        for (peer, address) in peerAddresses { variables[peer.addressVariable] = address }
        self.service = service
        self.executable = binaryFolder.appendingPathComponent("sotay-\(service.rawValue)")
        self.listen = listen
        self.environment = variables
        self.logPath = dataFolder.appendingPathComponent("logs").appendingPathComponent("\(service.rawValue).log").path
    }
}

/// The suite's key files in a data folder (`TokenKeyFile`), created on first use: the
/// token key, each service's data key (every service is given every file's variable;
/// a service reads its own), and the TLS certificates (`SuiteCertificates`).
public struct SuiteKeyFiles: Sendable {
    public let token: URL
    public let data: [ServiceName: URL]
    public let certificates: SuiteCertificates

    public static func ensure(in dataFolder: URL) throws -> SuiteKeyFiles {
        var data: [ServiceName: URL] = [:]
        for service in ServiceName.allCases { data[service] = try TokenKeyFile.ensureDataKey(for: service, in: dataFolder) }
        return SuiteKeyFiles(token: try TokenKeyFile.ensure(in: dataFolder), data: data,
                             certificates: try SuiteCertificates.ensure(in: dataFolder))
    }

    /// `base` with the suite's TLS files set, unless it turns TLS off (`SOTAY_TLS=off`):
    /// what the services and the clients of a local run read.
    public func withTLS(_ base: [String: String]) -> [String: String] {
        guard base[SuiteTLS.switchVariable]?.lowercased() != "off" else { return base }
        return base.merging(certificates.environment) { _, suite in suite }
    }
}
