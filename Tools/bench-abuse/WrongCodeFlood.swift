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
        var codes: [StatusCode: Int] = [:]
        var failures: [String: Int] = [:]
        var calls = 0
        var nextID: UInt64 = 1
        while !stop.isSet, calls < maxCalls {
            do {
                let connections = try (0..<4).map { _ in try RawConnection(to: target.auth, from: target.source) }
                while !stop.isSet, calls < maxCalls {
                    for connection in connections {
                        let ids = nextID..<(nextID + 64)
                        nextID += 64
                        try connection.send(ids.flatMap { id in wrongCode(for: id).bytes(callID: id) })
                    }
                    for connection in connections {
                        for _ in 0..<64 { codes[try connection.nextResponse().status?.code ?? .ok, default: 0] += 1 }
                        calls += 64
                    }
                }
            } catch {
                failures[String(describing: error), default: 0] += 1  // then four new connections
            }
        }
        return "\(calls) tries; " + tally(answers: codes, failures: failures)
    }

    /// A wrong code for a made-up mobile number (09 and eight digits from the call id).
    private func wrongCode(for id: UInt64) -> RequestFrame {
        var request = ConfirmLoginCodeRequest()
        let digits = String(id % 100_000_000)
        request.phone = "09" + String(repeating: "0", count: 8 - digits.count) + digits
        request.code = "000000"
        return RequestFrame(method: AuthServiceMethod.confirmLoginCode, request: request)
    }
}
