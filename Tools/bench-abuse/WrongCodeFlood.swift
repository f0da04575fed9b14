import AuthContracts
import Foundation
import RPCContracts
import ServiceBench

/// ConfirmLoginCode with wrong codes for made-up phones, 64 in flight on each of four
/// connections, answers read: every try costs the server a lookup (and a write when
/// the phone has a code), so it must stay cheap and never crowd out real logins.
struct WrongCodeFlood: Attack {
    let name = "ConfirmLoginCode flood with wrong codes, 4×64 in flight"
    let maxCalls = 2_000_000

    func run(against target: AttackTarget, until stop: StopFlag) -> String {
        var connections: [RawConnection] = []
        for _ in 0..<4 {
            guard let connection = try? RawConnection(to: target.auth, from: target.source) else { continue }
            connections.append(connection)
        }
        var codes: [StatusCode: Int] = [:]
        var calls = 0
        var nextID: UInt64 = 1
        var failure = ""
        do {
            while !stop.isSet, calls < maxCalls, !connections.isEmpty {
                var rounds: [(RawConnection, Range<UInt64>)] = []
                for connection in connections {
                    let ids = nextID..<(nextID + 64)
                    nextID += 64
                    try connection.send(ids.flatMap { id in
                        var request = ConfirmLoginCodeRequest()
                        let digits = String(id % 100_000_000)
                        request.phone = "09" + String(repeating: "0", count: 8 - digits.count) + digits
                        request.code = "000000"
                        return RequestFrame(method: "/sotay.auth.v1.AuthService/ConfirmLoginCode", request: request)
                            .bytes(callID: id)
                    })
                    rounds.append((connection, ids))
                }
                for (connection, ids) in rounds {
                    for id in ids { codes[try connection.response(to: id).status?.code ?? .ok, default: 0] += 1 }
                    calls += ids.count
                }
            }
        } catch {
            failure = " stopped: \(error)"
        }
        let answers = codes.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
        return "\(calls) tries on \(connections.count) connections; answers: \(answers.isEmpty ? "none" : answers)\(failure)"
    }
}
