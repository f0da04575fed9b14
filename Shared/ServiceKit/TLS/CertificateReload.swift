import RPC

extension RunningService {
    /// Reads the TLS certificate and key again on SIGHUP (`sotay certs` renews them):
    /// connections accepted afterwards use the new ones, connections already open
    /// continue, and no call is dropped. A reload that fails is logged and the files
    /// in use stay in use. Keep the returned value alive while it should last.
    public func reloadCertificatesOnHangUp() -> SignalHandlers {
        let logger = environment.logger
        let tlsIsOn = environment.config.tls != nil
        return server.reloadTLSOnHangUp { outcome in
            switch outcome {
            case .success where tlsIsOn:
                logger.info("SIGHUP: TLS certificate reloaded; new connections use it")
            case .success:
                logger.info("SIGHUP: TLS is off (SOTAY_TLS=off), no certificate to reload")
            case .failure(let error):
                logger.warning("SIGHUP: TLS certificate reload failed; the current one stays in use",
                               ["error": error.description])
            }
        }
    }
}
