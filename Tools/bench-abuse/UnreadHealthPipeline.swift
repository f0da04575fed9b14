import Foundation
import RPCContracts
import ServiceBench

/// Fifty connections pipelining Health/Check as fast as the sockets take it, never
/// reading an answer: the server must stop reading them rather than queue answers.
struct UnreadHealthPipeline: Attack {
    let name = "50 non-reading connections pipelining Health"

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        let frame = RequestFrame(method: HealthMethod.check, request: HealthCheckRequest())
        var connections: [RawConnection] = []
        for _ in 0..<50 {
            guard let connection = try? RawConnection(to: target.org, from: target.source) else { continue }
            connections.append(connection)
        }
        var nextID: UInt64 = 1
        // What each connection has still to send: a batch's rest goes before the next
        // batch, so the stream stays well-formed and the server's only way out is to
        // stop reading it.
        var pending: [[UInt8]] = Array(repeating: [], count: connections.count)
        var bytesSent = 0
        while !stop.isSet {
            var anySent = false
            for index in connections.indices {
                if pending[index].isEmpty {
                    pending[index] = (nextID..<(nextID + 256)).flatMap { frame.bytes(callID: $0) }
                    nextID += 256
                }
                let sent = connections[index].sendWithoutBlocking(pending[index])
                pending[index].removeFirst(sent)
                bytesSent += sent
                anySent = anySent || sent > 0
            }
            if !anySent { usleep(20_000) }
        }
        return "\(connections.count) connections, \(bytesSent / 1024) KiB of Health calls written, none read"
    }
}
