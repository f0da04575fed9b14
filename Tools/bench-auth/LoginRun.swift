import AuthContracts
import Foundation
import RPC

/// Logins end to end through RPC, `inFlight` at a time, one per phone (the per-phone
/// cool-down allows no second code within a minute): send a code, read it from the
/// outbox, confirm it. Each login comes from its own end-user address, named in
/// `client-address` as the gateway would, so the per-address cap does not bind.
struct LoginRun {
    let suite: LoginSuite
    let phones: ArraySlice<String>
    let inFlight: Int

    struct Result {
        let logins: Int
        let perSecond: Double
        let p50Ms: Double
        let p99Ms: Double
    }

    func run() async throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<inFlight {
                let mine = Array(phones.enumerated().filter { $0.offset % inFlight == worker })
                group.addTask {
                    var taken: [Duration] = []
                    for (offset, phone) in mine {
                        let began = clock.now
                        try await logIn(phone, from: Self.address(phones.startIndex + offset))
                        taken.append(clock.now - began)
                    }
                    return taken
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
        let elapsed = (clock.now - start) / .seconds(1)
        func percentile(_ fraction: Double) -> Double {
            latencies[min(latencies.count - 1, Int(Double(latencies.count) * fraction))] / .milliseconds(1)
        }
        return Result(logins: latencies.count, perSecond: Double(latencies.count) / elapsed,
                      p50Ms: percentile(0.50), p99Ms: percentile(0.99))
    }

    private func logIn(_ phone: String, from address: String) async throws {
        let options = CallOptions(metadata: ["client-address": address])
        var send = SendLoginCodeRequest()
        send.phone = phone
        _ = try await suite.client.sendLoginCode(send, options: options)
        var confirm = ConfirmLoginCodeRequest()
        confirm.phone = phone
        confirm.code = try await suite.code(sentTo: phone)
        confirm.deviceName = "bench"
        _ = try await suite.client.confirmLoginCode(confirm, options: options)
    }

    /// A distinct private address per simulated client.
    static func address(_ index: Int) -> String {
        "10.\(index / 65_536 % 256).\(index / 256 % 256).\(index % 256)"
    }
}
