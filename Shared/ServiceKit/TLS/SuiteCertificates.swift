import Foundation
import RPC

/// The suite's certificates in `<data folder>/tls/` for a local run, as `sotay up`
/// creates them on first start and `sotay certs` renews them: a certificate
/// authority (`ca.crt`, `ca.key`) and, signed by it, one certificate per service
/// (`<service>.crt`, `<service>.key`) naming the service (`ServiceName.certificateName`).
/// Every file is readable by its owner only (0600), like the key files, and written
/// whole (a temporary file renamed), so a service reloading on SIGHUP never reads half.
public struct SuiteCertificates: Sendable {
    public let folder: URL

    /// How long a service certificate lasts; `sotay certs` renews before then.
    public static let serviceValidity = CertificateValidity.days(397)

    public init(dataFolder: URL) {
        folder = dataFolder.appendingPathComponent("tls")
    }

    public var caFile: URL { folder.appendingPathComponent("ca.crt") }
    private var caKeyFile: URL { folder.appendingPathComponent("ca.key") }
    public func certificateFile(of service: ServiceName) -> URL { folder.appendingPathComponent("\(service.rawValue).crt") }
    public func keyFile(of service: ServiceName) -> URL { folder.appendingPathComponent("\(service.rawValue).key") }

    /// The variables that point services and clients at these files (TLS on).
    public var environment: [String: String] {
        var variables = [SuiteTLS.switchVariable: "on", SuiteTLS.caFileVariable: caFile.path]
        for service in ServiceName.allCases {
            variables[service.tlsCertificateFileVariable] = certificateFile(of: service).path
            variables[service.tlsKeyFileVariable] = keyFile(of: service).path
        }
        return variables
    }

    /// The same files as `SuiteTLS`, for a client or a service in this process.
    public var tls: SuiteTLS {
        SuiteTLS(caFile: caFile.path,
                 certificateFiles: Dictionary(uniqueKeysWithValues: ServiceName.allCases.map { ($0, certificateFile(of: $0).path) }),
                 keyFiles: Dictionary(uniqueKeysWithValues: ServiceName.allCases.map { ($0, keyFile(of: $0).path) }))
    }

    /// Creates what is missing: the authority, then a certificate for each service
    /// without one. Existing files are kept.
    @discardableResult
    public static func ensure(in dataFolder: URL) throws -> SuiteCertificates {
        let certificates = SuiteCertificates(dataFolder: dataFolder)
        let authority = try certificates.ensureAuthority()
        for service in ServiceName.allCases
        where !FileManager.default.fileExists(atPath: certificates.certificateFile(of: service).path) {
            try certificates.issue(for: service, by: authority)
        }
        return certificates
    }

    /// New certificates and keys for every service from the same authority (which is
    /// created if missing); running services pick them up on SIGHUP.
    @discardableResult
    public static func renew(in dataFolder: URL) throws -> SuiteCertificates {
        let certificates = SuiteCertificates(dataFolder: dataFolder)
        let authority = try certificates.ensureAuthority()
        for service in ServiceName.allCases { try certificates.issue(for: service, by: authority) }
        return certificates
    }

    private func ensureAuthority() throws -> IssuedCertificate {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if FileManager.default.fileExists(atPath: caFile.path) {
            return IssuedCertificate(certificatePEM: try String(contentsOf: caFile, encoding: .utf8),
                                     privateKeyPEM: try String(contentsOf: caKeyFile, encoding: .utf8))
        }
        let authority = try CertificateIssuer.authority(named: "Sổ tay local certificate authority")
        // The key first: an authority certificate without its key could never renew.
        try Self.writePrivate(authority.privateKeyPEM, to: caKeyFile)
        try Self.writePrivate(authority.certificatePEM, to: caFile)
        return authority
    }

    private func issue(for service: ServiceName, by authority: IssuedCertificate) throws {
        let issued = try CertificateIssuer.certificate(for: service.certificateName, signedBy: authority,
                                                       validity: Self.serviceValidity)
        try Self.writePrivate(issued.privateKeyPEM, to: keyFile(of: service))
        try Self.writePrivate(issued.certificatePEM, to: certificateFile(of: service))
    }

    /// Writes `text` to a temporary 0600 file beside `file`, then renames it over `file`.
    private static func writePrivate(_ text: String, to file: URL) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ConfigError(variable: SuiteTLS.caFileVariable, problem: "cannot write \(temporary.path)")
        }
        guard rename(temporary.path, file.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ConfigError(variable: SuiteTLS.caFileVariable, problem: "cannot replace \(file.path): \(reason)")
        }
    }
}
