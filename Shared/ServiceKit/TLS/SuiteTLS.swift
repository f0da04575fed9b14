import RPC

/// The suite's TLS as the environment sets it (docs/architecture.md §9, docs/operations.md):
/// on unless `SOTAY_TLS=off`; the certificate authority in `SOTAY_TLS_CA_FILE`
/// (default `./data/tls/ca.crt`); each service's certificate and key in
/// `SOTAY_<SERVICE>_TLS_CERT_FILE` and `SOTAY_<SERVICE>_TLS_KEY_FILE` (default
/// `./data/tls/<service>.crt` and `.key`), as `sotay up` lays them out. Services read
/// it to serve and to call each other (mutual TLS); the operator CLI and the
/// benchmarks to call with TLS, checking each service's name.
public struct SuiteTLS: Sendable, Equatable {
    public let caFile: String
    private let certificateFiles: [ServiceName: String]
    private let keyFiles: [ServiceName: String]

    /// The variable that turns TLS off.
    public static let switchVariable = "SOTAY_TLS"
    public static let caFileVariable = "SOTAY_TLS_CA_FILE"

    public init(caFile: String, certificateFiles: [ServiceName: String], keyFiles: [ServiceName: String]) {
        self.caFile = caFile
        self.certificateFiles = certificateFiles
        self.keyFiles = keyFiles
    }

    /// Nil when `SOTAY_TLS=off`; an error names a variable set to something unusable.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigError) -> SuiteTLS? {
        switch environment[switchVariable]?.lowercased() {
        case nil, "on": break
        case "off": return nil
        case let other?:
            throw ConfigError(variable: switchVariable, problem: "'\(other)' is neither on nor off")
        }
        var certificates: [ServiceName: String] = [:]
        var keys: [ServiceName: String] = [:]
        for service in ServiceName.allCases {
            certificates[service] = try ServiceConfig.path(service.tlsCertificateFileVariable, in: environment)
                ?? service.defaultTLSCertificateFile
            keys[service] = try ServiceConfig.path(service.tlsKeyFileVariable, in: environment) ?? service.defaultTLSKeyFile
        }
        return SuiteTLS(caFile: try ServiceConfig.path(caFileVariable, in: environment) ?? "./data/tls/ca.crt",
                        certificateFiles: certificates, keyFiles: keys)
    }

    /// How `service` serves: its own certificate, clients' certificates checked when presented.
    public func server(for service: ServiceName) -> TLSConfiguration {
        TLSConfiguration(caFile: caFile, certificateFile: certificateFiles[service], keyFile: keyFiles[service])
    }

    /// How a caller reaches `peer`: the peer must prove its name; a service calling
    /// (`caller`) presents its own certificate, the operator CLI none.
    public func channel(to peer: ServiceName, as caller: ServiceName? = nil) -> TLSConfiguration {
        TLSConfiguration(caFile: caFile, certificateFile: caller.flatMap { certificateFiles[$0] },
                         keyFile: caller.flatMap { keyFiles[$0] }, serverName: peer.certificateName)
    }
}

extension ServiceName {
    /// The name in the service's certificate (subjectAltName DNS), which callers check
    /// and which reaches its peers' handlers as `CallContext.peerCertificateName`.
    public var certificateName: String { "\(rawValue).sotay.internal" }

    /// The service whose certificate carries `name`.
    public init?(certificateName name: String) {
        guard name.hasSuffix(".sotay.internal"),
              let service = ServiceName(rawValue: String(name.dropLast(".sotay.internal".count))) else { return nil }
        self = service
    }

    public var tlsCertificateFileVariable: String { "SOTAY_\(rawValue.uppercased())_TLS_CERT_FILE" }
    public var tlsKeyFileVariable: String { "SOTAY_\(rawValue.uppercased())_TLS_KEY_FILE" }
    public var defaultTLSCertificateFile: String { "./data/tls/\(rawValue).crt" }
    public var defaultTLSKeyFile: String { "./data/tls/\(rawValue).key" }
}
