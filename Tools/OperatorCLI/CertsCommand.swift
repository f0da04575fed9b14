import Foundation
import ServiceKit

/// `sotay certs [--data DIR]`: new certificates and keys for every service, signed by
/// the suite's certificate authority in DIR/tls (DIR default ./data; the authority is
/// created if missing and otherwise kept, so peers keep trusting each other), then
/// SIGHUP to the `sotay up` running on DIR, which passes it to every service: each
/// reloads its certificate, new connections use it, open ones and their calls go on.
struct CertsCommand {
    let dataFolder: URL

    init(_ arguments: [String]) throws {
        dataFolder = try OperatorCommand.dataFolder(arguments, command: "certs")
    }

    func run() throws -> Int32 {
        let certificates = try SuiteCertificates.renew(in: dataFolder)
        print("renewed every service's certificate in \(certificates.folder.path) "
              + "(valid \(SuiteCertificates.serviceValidity.endsIn / 86_400) days, same authority)")
        if let pid = SuiteLock.holder(of: dataFolder), kill(pid, SIGHUP) == 0 {
            print("told the running suite (sotay up, pid \(pid)): every service reloads them on SIGHUP")
        } else {
            print("no sotay up runs on \(dataFolder.path): services started otherwise reload them on SIGHUP (kill -HUP PID)")
        }
        return 0
    }
}
