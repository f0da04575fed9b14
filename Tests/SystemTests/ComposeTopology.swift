import Foundation
import RPC
// For SuiteLock.portIsFree: the check `sotay up` makes of the same ports.
@testable import OperatorCLI
import PostgresTestSupport
import ServiceKit
import ServiceTestSupport

/// The topology of compose.yaml (`.build/compose.json`) started natively: each
/// service's command with its environment and on its ports, translating only what a
/// container gives it: its volume (`/data`) becomes a folder of its own, a secret
/// (`/run/secrets/X`) a key file made here (0600), a service's host name (`org:7102`)
/// and a listen on every interface (`0.0.0.0:7102`) become 127.0.0.1 on the same port,
/// and a database on the file's PostgreSQL (`postgresql://…@postgres:5432/…`) becomes a
/// fresh database on the tests' throwaway server.
struct ComposeTopology {
    let compose: ComposeFile
    let folder: TemporaryFolder

    /// The services' ports are fixed (7101–7106): one already taken fails here, naming it.
    static func start() async throws -> RunningSuite {
        let compose = try ComposeFile.load()
        try checkPortsAreFree(compose)
        let topology = ComposeTopology(compose: compose, folder: try TemporaryFolder.make("compose"))
        do {
            let environments = try Dictionary(uniqueKeysWithValues: compose.suiteServices.map { service in
                (service.name, try topology.environment(of: service))
            })
            let names = compose.suiteServices.compactMap { ServiceName(rawValue: $0.name) }
            let token = try required("SOTAY_TOKEN_KEY_FILE", of: .auth, in: environments)
            let authData = try required("SOTAY_DATA_DIR", of: .auth, in: environments)
            return try await RunningSuite.start(
                names, in: topology.folder, tokenKeyFile: token, authDataFolder: URL(fileURLWithPath: authData),
                tls: try topology.certificates.tls,
                arguments: { service in Array(compose.services[service.rawValue]?.command.dropFirst() ?? []) },
                environments: { service, _ in environments[service.rawValue] ?? [:] })
        } catch {
            topology.folder.remove()
            throw error
        }
    }

    private static func required(_ variable: String, of service: ServiceName,
                                 in environments: [String: [String: String]]) throws -> String {
        guard let value = environments[service.rawValue]?[variable] else {
            throw ComposeError("\(service.rawValue) sets no \(variable)")
        }
        return value
    }

    /// The service's variables with the container's paths and names translated.
    func environment(of service: ComposeFile.Service) throws -> [String: String] {
        guard service.command.first == "sotay-\(service.name)" else {
            throw ComposeError("\(service.name) runs \(service.command), not its own executable")
        }
        for port in service.ports where !port.published.contains(port.target) {
            throw ComposeError("\(service.name) publishes \(port.target) as \(port.published): natively both are one port")
        }
        return try service.environment.reduce(into: [:]) { variables, entry in
            variables[entry.key] = try translated(entry.value, of: entry.key, in: service)
        }
    }

    private func translated(_ value: String, of variable: String, in service: ComposeFile.Service) throws -> String {
        if let engine = compose.engines.first(where: { value.hasPrefix("postgresql://") && value.contains("@\($0.name):") }) {
            return try SharedPostgres.freshDatabase("compose_\(engine.name)_\(service.name)")
        }
        if let mount = service.volumes.first(where: { $0.path == value }) {
            return folder.path("volumes/\(mount.volume)")
        }
        let secrets = "/run/secrets/"
        if value.hasPrefix(secrets) {
            return try keyFile(String(value.dropFirst(secrets.count)), read: variable)
        }
        return value.split(separator: ",").map { address in
            guard let hostPort = HostPort(String(address)),
                  hostPort.host == "0.0.0.0" || compose.services[hostPort.host] != nil else { return String(address) }
            return "127.0.0.1:\(hostPort.port)"
        }.joined(separator: ",")
    }

    /// The suite's TLS authority and certificates, made on first use as `sotay up` makes
    /// them: what the file's certificate secrets become.
    var certificates: SuiteCertificates {
        get throws { try SuiteCertificates.ensure(in: folder.url) }
    }

    /// The secret's file: a TLS file of `certificates` for the TLS variables, or else
    /// written on first use with a fresh key under the id the variable reading it starts
    /// with (`TestEnvironment.keyFiles`), mode 0600.
    private func keyFile(_ secret: String, read variable: String) throws -> String {
        let tls = try certificates
        if variable == SuiteTLS.caFileVariable { return tls.caFile.path }
        if let service = ServiceName.allCases.first(where: { $0.tlsCertificateFileVariable == variable }) {
            return tls.certificateFile(of: service).path
        }
        if let service = ServiceName.allCases.first(where: { $0.tlsKeyFileVariable == variable }) {
            return tls.keyFile(of: service).path
        }
        guard let keyID = TestEnvironment.keyFiles[variable]?.keyID else {
            throw ComposeError("\(variable) names the secret \(secret), but no service reads a key file from it")
        }
        try FileManager.default.createDirectory(atPath: folder.path("secrets"), withIntermediateDirectories: true)
        let path = folder.path("secrets/\(secret)")
        if FileManager.default.fileExists(atPath: path) { return path }
        return try KeyFiles.write(path, ids: [keyID])
    }

    /// Each published port bound once on 127.0.0.1 and let go, as `sotay up` checks
    /// them: one that cannot be bound is busy, most likely with a `sotay up`.
    static func checkPortsAreFree(_ compose: ComposeFile) throws {
        for service in compose.suiteServices.sorted(by: { $0.name < $1.name }) {
            for port in service.ports where !SuiteLock.portIsFree(port.target) {
                throw ComposeError("port \(port.target) (\(service.name)) is busy: is a `sotay up` running? "
                                   + "Stop it to run the compose topology test")
            }
        }
    }
}
