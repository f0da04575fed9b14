import Foundation
import RPC

/// A certificate authority and a server certificate for the TLS runs, made with
/// OpenSSL in a temporary folder (removed by `remove()`), and the server's and the
/// channel's configurations that use them.
struct BenchTLS {
    static let serverName = "bench.sotay.internal"

    let folder: URL
    let server: TLSConfiguration
    let client: TLSConfiguration

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-rpc-tls-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let authority = try CertificateIssuer.authority(named: "bench-rpc authority")
        let certificate = try CertificateIssuer.certificate(for: BenchTLS.serverName, signedBy: authority)
        let files = [("ca.crt", authority.certificatePEM), ("server.crt", certificate.certificatePEM),
                     ("server.key", certificate.privateKeyPEM)]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        let ca = folder.appendingPathComponent("ca.crt").path
        server = TLSConfiguration(caFile: ca, certificateFile: folder.appendingPathComponent("server.crt").path,
                                  keyFile: folder.appendingPathComponent("server.key").path)
        client = TLSConfiguration(caFile: ca, serverName: BenchTLS.serverName)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
