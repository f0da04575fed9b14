import Foundation
import RPC
import RPCContracts
import ServiceBench

/// Idle connections, 250 to each service, that send nothing but answer every
/// keepalive PING with a PONG: alive by the protocol's rules, useless to the server.
struct IdleKeepalive: Attack {
    let name = "idle connections answering pings, 250 per service"
    let perService = 250

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        var connections: [RawConnection] = []
        for address in [target.org, target.auth] {
            for _ in 0..<perService {
                guard let connection = try? RawConnection(to: address, from: target.source, timeout: .seconds(1))
                else { continue }
                connections.append(connection)
            }
        }
        var pongs = 0
        var closedByServer = 0
        var open = connections
        while !stop.isSet, !open.isEmpty {
            var polls = open.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            guard poll(&polls, nfds_t(polls.count), 100) > 0 else { continue }
            var keep: [RawConnection] = []
            for (connection, state) in zip(open, polls) {
                guard state.revents != 0 else {
                    keep.append(connection)
                    continue
                }
                do {
                    let frame = try connection.readFrame()
                    if frame.kind == .ping {
                        try connection.answer(ping: frame)
                        pongs += 1
                    }
                    keep.append(connection)
                } catch {
                    closedByServer += 1
                }
            }
            open = keep
        }
        return "\(connections.count) connections, \(pongs) pings answered, \(closedByServer) closed by the servers"
    }
}
