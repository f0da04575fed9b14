import Foundation
import RPC

/// 10,000 connections to org from one address (127.0.0.2), opened without blocking
/// and held without a byte sent: the server's connection limits must keep serving
/// the well-behaved client at 127.0.0.1.
struct ConnectionFlood: Attack {
    let name = "10,000 connections from 127.0.0.2"
    let count = 10_000

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(target.org.port).bigEndian)
        inet_pton(AF_INET, target.org.host, &remote.sin_addr)
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, target.source, &local.sin_addr)
        var descriptors: [Int32] = []
        var refused = 0
        while descriptors.count < count, !stop.isSet {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { break }  // out of descriptors: report how many we got
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            let connected = withUnsafePointer(to: &remote) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound != 0 || (connected != 0 && errno != EINPROGRESS) {
                refused += 1
                close(descriptor)
                if refused > 1000 { break }
                continue
            }
            descriptors.append(descriptor)
            // A short pause every hundred, as a real flood from one host would arrive.
            if descriptors.count % 100 == 0 { usleep(2_000) }
        }
        let opened = descriptors.count
        hold(until: stop)
        var stillOpen = 0
        for descriptor in descriptors {
            // Peeking one byte: 0 means the server closed it, EAGAIN that it is open and silent.
            var byte: UInt8 = 0
            if recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK)) < 0 && errno == EAGAIN { stillOpen += 1 }
            close(descriptor)
        }
        return "\(opened) opened (\(refused) refused at once), \(stillOpen) still open at the end"
    }
}
