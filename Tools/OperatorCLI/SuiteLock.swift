import Foundation
import ServiceKit

/// Keeps a second `sotay up` from starting over a running suite. Two checks, for the
/// two ways it happens: the same data folder (an exclusive `flock` on
/// `<data>/sotay-up.lock`, held while the suite runs and released by the kernel
/// however the process ends, with the holder's pid written in the file for the
/// message), and the same ports from another data folder (each service's port must be
/// free to bind on 127.0.0.1).
final class SuiteLock {
    private let descriptor: Int32

    /// Takes the lock, or throws saying which suite holds it or which port is taken.
    init(dataFolder: URL, services: [ServiceName]) throws {
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        let path = dataFolder.appendingPathComponent("sotay-up.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CLIError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw CLIError(description: "Sổ tay is already running with data in \(dataFolder.path)"
                + (holder.isEmpty ? "" : " (sotay up, pid \(holder))") + ": stop it first (Ctrl-C in its terminal)")
        }
        self.descriptor = descriptor
        ftruncate(descriptor, 0)
        let pid = Array("\(getpid())\n".utf8)
        // The buffer is valid for the duration of the call and `count` bytes long.
        _ = pid.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        // `deinit` closes the descriptor when this throws: every stored property is set.
        for service in services where !Self.portIsFree(service.defaultPort) {
            throw CLIError(description: "port \(service.defaultPort) (\(service.rawValue)) is already in use on "
                + "127.0.0.1: another Sổ tay (sotay up with another --data?) or another program holds it")
        }
    }

    deinit { close(descriptor) }

    /// The pid of the `sotay up` holding the lock of `dataFolder`; nil when none runs.
    static func holder(of dataFolder: URL) -> Int32? {
        let path = dataFolder.appendingPathComponent("sotay-up.lock").path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // Taking a shared lock succeeds only when no `sotay up` holds its exclusive one.
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 { return nil }
        return (try? String(contentsOfFile: path, encoding: .utf8))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Whether a listening socket could be bound to 127.0.0.1:`port` now.
    static func portIsFree(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return true }
        defer { close(socket) }
        // The services set SO_REUSEADDR too, so a port left in TIME_WAIT by a suite
        // that just stopped counts as free, as it is for them.
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        // The pointer lives only for the call and points at a sockaddr_in of the size passed.
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
