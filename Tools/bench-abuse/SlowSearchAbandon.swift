import Foundation
import OrgContracts
import ServiceBench

/// 1,024 province-wide name searches written at once, then the connection closed,
/// round after round: the server should stop the work nobody waits for.
struct SlowSearchAbandon: Attack {
    let name = "1,024 slow searches then close, repeated"
    let maxRounds = 60

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        var request = SearchMembersRequest()
        request.withinUnitID = target.rootID
        request.query = "Nguyễn Văn"
        request.pageSize = 100
        let frame = RequestFrame(method: OrgServiceMethod.searchMembers, metadata: target.administrator, request: request)
        let batch = (1...1024).flatMap { frame.bytes(callID: UInt64($0)) }
        var rounds = 0
        var refused = 0
        while !stop.isSet, rounds < maxRounds {
            guard let connection = try? RawConnection(to: target.org, from: target.source) else {
                refused += 1
                continue
            }
            var rest = batch[...]
            let started = ContinuousClock.now
            while !rest.isEmpty, !stop.isSet, ContinuousClock.now - started < .seconds(1) {
                let sent = connection.sendWithoutBlocking(Array(rest))
                rest = rest.dropFirst(sent)
                if sent == 0 { usleep(5_000) }
            }
            rounds += 1
            // The connection closes here, with its 1,024 searches queued or running.
            usleep(500_000)
        }
        return "\(rounds) rounds of 1,024 searches of the whole province (\(refused) connections not accepted within 5 s)"
    }
}
