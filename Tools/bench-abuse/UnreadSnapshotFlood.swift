import Foundation
import OrgContracts
import ServiceBench

/// Eight connections, each writing 1,024 GetTreeSnapshot(page_size=1000) calls in one
/// write and never reading: the server must not buffer 8,192 large answers.
struct UnreadSnapshotFlood: Attack {
    let name = "1,024 GetTreeSnapshot(1000) per write, never read, ×8"

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        var request = GetTreeSnapshotRequest()
        request.pageSize = 1000
        let frame = RequestFrame(method: OrgServiceMethod.getTreeSnapshot, metadata: target.administrator,
                                 request: request)
        let batch = (1...1024).flatMap { frame.bytes(callID: UInt64($0)) }
        var connections: [RawConnection] = []
        var pending: [[UInt8]] = []
        for _ in 0..<8 {
            guard let connection = try? RawConnection(to: target.org, from: target.source) else { continue }
            connections.append(connection)
            pending.append(batch)
        }
        // Non-blocking, so that a server that stops reading (as it should) cannot hang us.
        while !stop.isSet, pending.contains(where: { !$0.isEmpty }) {
            for index in connections.indices where !pending[index].isEmpty {
                pending[index].removeFirst(connections[index].sendWithoutBlocking(pending[index]))
            }
            usleep(20_000)
        }
        hold(until: stop)
        let unsent = pending.map(\.count).reduce(0, +)
        return "\(connections.count) connections, \(connections.count * batch.count - unsent) of \(connections.count * batch.count) bytes written"
    }
}
