import Foundation
import RPC
import RPCContracts
import XCTest

/// A certificate authority and certificates it issued, written as PEM files into a
/// temporary folder (removed by `remove()`), with the configurations that use them.
final class TLSFiles {
    let folder: URL
    let authority: IssuedCertificate

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rpc-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        authority = try CertificateIssuer.authority(named: "test authority")
        try write(authority.certificatePEM, to: "ca.crt")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// Writes `<file>.crt` and `<file>.key` for `name`, signed by `authority` (this
    /// folder's, unless another is given).
    func issue(_ name: String, file: String, validity: CertificateValidity = .days(30),
               by other: IssuedCertificate? = nil) throws {
        let issued = try CertificateIssuer.certificate(for: name, signedBy: other ?? authority, validity: validity)
        try write(issued.certificatePEM, to: "\(file).crt")
        try write(issued.privateKeyPEM, to: "\(file).key")
    }

    /// A server's TLS with the certificate in `<file>.crt`/`.key`.
    func server(_ file: String, handshakeTimeout: Duration = .seconds(5)) -> TLSConfiguration {
        var configuration = TLSConfiguration(caFile: path("ca.crt"), certificateFile: path("\(file).crt"),
                                             keyFile: path("\(file).key"))
        configuration.handshakeTimeout = handshakeTimeout
        return configuration
    }

    /// A channel's TLS expecting `serverName`, presenting `<file>.crt` when given.
    func client(expecting serverName: String, presenting file: String? = nil) -> TLSConfiguration {
        TLSConfiguration(caFile: path("ca.crt"), certificateFile: file.map { path("\($0).crt") },
                         keyFile: file.map { path("\($0).key") }, serverName: serverName)
    }
}

/// The TLS refusals a server reported, in order.
final class TLSFailures: TLSFailureObserver, @unchecked Sendable {
    // Safety (@unchecked Sendable): `reasons` is read and written under `lock` only.
    private let lock = NSLock()
    private var _reasons: [String] = []

    var reasons: [String] { lock.withLock { _reasons } }

    func tlsHandshakeFailed(peer: String, reason: String) {
        lock.withLock { _reasons.append("\(peer): \(reason)") }
    }
}

/// What the Whoami method answers: the name in the caller's certificate.
struct WhoamiService: RPCService {
    static let path = "/sotay.test.v1.Whoami/Whoami"

    var serviceName: String { "sotay.test.v1.Whoami" }

    var methods: [RPCMethod] {
        [.unary(path: WhoamiService.path) { (_: TestMessage, context: CallContext) in
            TestMessage(text: context.peerCertificateName ?? "(none)")
        }]
    }
}

extension RPCChannel {
    func whoami() async throws(RPCError) -> String {
        try await unary(path: WhoamiService.path, request: TestMessage(), response: TestMessage.self,
                        idempotent: true, options: CallOptions()).text
    }
}
