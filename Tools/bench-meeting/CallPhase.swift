import Foundation
import ServiceBench
import Synchronization

/// One phase of the bench: `count` calls with at most `inFlight` at a time, either as
/// fast as they are answered (closed loop) or arriving at a steady rate (open loop).
/// Failures are counted, never hidden.
struct CallPhase {
    struct Figures {
        let calls: Int
        let failures: Int
        let seconds: Double
        let latency: LatencySummary
        /// The service process's CPU (user + system) per call over the phase, in µs: what
        /// a call costs the server whatever else the machine is running; nil when the
        /// phase was not given the process.
        let serverCPUMicroseconds: Double?

        var perSecond: Double { Double(calls) / max(seconds, 1e-9) }

        var line: String {
            String(format: "%d calls in %.1f s: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d failed", calls, seconds, perSecond,
                   latency.p50 / 1000, latency.p99 / 1000, failures)
                + (serverCPUMicroseconds.map { String(format: ", server CPU %.0f µs/call", $0) } ?? "")
        }
    }

    /// `call(i)` for every i in 0..<count. With `perSecond`, call i is due at
    /// i / perSecond seconds after the start; a call that starts late because every one
    /// of the `inFlight` callers was still waiting for an answer is timed from when it
    /// was due, so a stall of the server counts against every call queued behind it.
    static func run(_ count: Int, inFlight: Int, perSecond: Double? = nil, server pid: Int32? = nil,
                    _ call: @escaping @Sendable (Int) async throws -> Void) async -> Figures {
        let cpuBefore = pid.flatMap(ProcessStats.cpuSeconds(of:))
        let next = Cursor()
        let started = ContinuousClock.now
        let results = await withTaskGroup(of: ([UInt64], Int).self) { group in
            for _ in 0..<inFlight {
                group.addTask {
                    var latencies: [UInt64] = []
                    var failures = 0
                    while true {
                        let index = next.take()
                        guard index < count else { break }
                        var begin = ContinuousClock.now
                        if let perSecond {
                            let due = started + .nanoseconds(Int64(Double(index) / perSecond * 1e9))
                            if due > begin {
                                try? await Task.sleep(until: due, clock: .continuous)
                                begin = ContinuousClock.now
                            } else {
                                begin = due
                            }
                        }
                        do {
                            try await call(index)
                            let elapsed = ContinuousClock.now - begin
                            latencies.append(UInt64(elapsed.components.seconds) * 1_000_000_000
                                             + UInt64(elapsed.components.attoseconds / 1_000_000_000))
                        } catch {
                            failures += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            var all: ([UInt64], Int) = ([], 0)
            for await (latencies, failures) in group {
                all.0 += latencies
                all.1 += failures
            }
            return all
        }
        let elapsed = ContinuousClock.now - started
        let cpuAfter = pid.flatMap(ProcessStats.cpuSeconds(of:))
        let cpu = cpuBefore.flatMap { before in cpuAfter.map { ($0 - before) * 1e6 / Double(max(count, 1)) } }
        return Figures(calls: count, failures: results.1,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       latency: LatencySummary(nanoseconds: results.0), serverCPUMicroseconds: cpu)
    }
}

/// The next call to make, shared by a phase's callers.
final class Cursor: Sendable {
    private let position = Mutex(0)

    func take() -> Int {
        position.withLock { position in
            defer { position += 1 }
            return position
        }
    }
}
