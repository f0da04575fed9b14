import Foundation
import OrgContracts
import RPCContracts
import ServiceBench

/// Searches whose query is 150,000 characters in 1,000 words, eight in flight on one
/// connection, answers read: each must be refused cheaply, not run.
struct HugeQuerySearch: Attack {
    let name = "searches of 150,000 characters / 1,000 words"

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        var request = SearchMembersRequest()
        request.withinUnitID = target.committeeID
        request.query = (0..<1000).map { index in "Nguyễn\(index)" + String(repeating: "a", count: 149 - 6 - "\(index)".count) }
            .joined(separator: " ")
        let frame = RequestFrame(method: OrgServiceMethod.searchMembers, metadata: target.staff, request: request)
        var codes: [StatusCode: Int] = [:]
        var failures: [String: Int] = [:]
        var nextID: UInt64 = 1
        while !stop.isSet {
            do {
                let connection = try RawConnection(to: target.org, from: target.source)
                while !stop.isSet {
                    let ids = nextID..<(nextID + 8)
                    nextID += 8
                    try connection.send(ids.flatMap { frame.bytes(callID: $0) })
                    for _ in ids { codes[try connection.nextResponse().status?.code ?? .ok, default: 0] += 1 }
                }
            } catch {
                failures[String(describing: error), default: 0] += 1  // then a new connection
            }
        }
        return "\(request.query.count) characters; " + tally(answers: codes, failures: failures)
    }
}
