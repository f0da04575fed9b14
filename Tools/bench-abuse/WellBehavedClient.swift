import Foundation
import RPC
import RPCContracts
import ServiceBench
import ServiceKit

/// The user the attacks must not hurt: from 127.0.0.1, one call every `interval`
/// (bench-service's calls in turn: Health, GetMember, GetSubtreeCounts, SearchMembers,
/// ListSessions, with real tokens), each waiting for its answer; every answer that is not OK, and every
/// call that gets none within 5 s, is an error. Like a gateway, it keeps its
/// connections from one phase to the next and opens a new one only after an error.
final class WellBehavedClient: @unchecked Sendable {
    // @unchecked Sendable: `connections` is used only by the thread of the one `run`
    // in progress, and `run` returns only after that thread is done; runs never overlap.
    let calls: [BenchCall]
    let org: HostPort
    let auth: HostPort
    let interval: Duration = .milliseconds(5)
    private var connections: [ServiceName: RawConnection] = [:]

    init(calls: [BenchCall], org: HostPort, auth: HostPort) {
        self.calls = calls
        self.org = org
        self.auth = auth
    }

    struct Outcome: Sendable {
        let latency: LatencySummary
        let calls: Int
        let errors: Int
        let firstErrors: [String]
    }

    /// Runs for `seconds` on a thread of its own.
    func run(seconds: Double) async -> Outcome {
        await withCheckedContinuation { continuation in
            Thread { [self] in continuation.resume(returning: runHere(seconds: seconds)) }.start()
        }
    }

    private func runHere(seconds: Double) -> Outcome {
        var latencies: [UInt64] = []
        var errors: [String] = []
        var count = 0
        var nextID: UInt64 = 1
        let clock = ContinuousClock()
        let end = clock.now + .seconds(seconds)
        var due = clock.now
        while clock.now < end {
            let call = calls[count % calls.count]
            let (service, frame) = (call.service, call.frame)
            count += 1
            nextID += 1
            let started = clock.now
            do {
                let connection = try connections[service] ?? RawConnection(to: service == .org ? org : auth)
                connections[service] = connection
                try connection.send(frame.bytes(callID: nextID))
                let response = try connection.response(to: nextID)
                if let status = response.status, status.code != .ok {
                    errors.append("\(frame.method): \(status.code) \(status.message.prefix(120))")
                }
            } catch {
                errors.append("\(frame.method): \(error)")
                connections[service] = nil
            }
            let elapsed = (clock.now - started).components
            latencies.append(UInt64(elapsed.seconds) * 1_000_000_000 + UInt64(elapsed.attoseconds / 1_000_000_000))
            due += interval
            let wait = (due - clock.now).components
            if due > clock.now { Thread.sleep(forTimeInterval: Double(wait.seconds) + Double(wait.attoseconds) / 1e18) }
        }
        return Outcome(latency: LatencySummary(nanoseconds: latencies), calls: count, errors: errors.count,
                       firstErrors: Array(errors.prefix(5)))
    }
}
