/// The names of the variables a service reads, in one place: what ServiceConfig reads
/// for every service, plus what a service declares in its definition. Deployment files
/// (compose.yaml) are checked against this list, so a variable misspelt there, or one
/// the services stopped reading, fails a test instead of being silently ignored.
extension ServiceConfig {
    /// What ServiceConfig reads for `service` when it calls `peers` (of the TLS files,
    /// the authority and the service's own certificate and key).
    public static func variables(for service: ServiceName, calls peers: [ServiceName]) -> [String] {
        ["SOTAY_LISTEN", "SOTAY_DATA_DIR", "SOTAY_TOKEN_KEY_FILE", "SOTAY_LOG_LEVEL", "SOTAY_TRUSTED_CALLERS",
         SuiteTLS.switchVariable, SuiteTLS.caFileVariable, service.tlsCertificateFileVariable, service.tlsKeyFileVariable]
            + peers.map(\.addressVariable)
    }
}

extension ServiceDefinition {
    /// Every variable this service reads: the common ones and its own.
    public var variablesRead: Set<String> {
        Set(ServiceConfig.variables(for: name, calls: calls)).union(ownVariables)
    }
}
