import Foundation
import ServiceBench
import Synchronization

/// Call latencies by call name, summarised by ServiceBench's `LatencySummary`.
final class Latencies: Sendable {
    private let samples = Mutex<[String: [UInt64]]>([:])

    func record(_ call: String, since start: ContinuousClock.Instant) {
        let elapsed = (ContinuousClock.now - start).components
        let nanoseconds = UInt64(elapsed.seconds) * 1_000_000_000 + UInt64(elapsed.attoseconds / 1_000_000_000)
        samples.withLock { $0[call, default: []].append(nanoseconds) }
    }

    func count(_ call: String) -> Int { samples.withLock { $0[call]?.count ?? 0 } }

    /// "name: n calls, p50 … ms, p99 … ms" per call.
    func report() -> [String] {
        samples.withLock { samples in
            samples.keys.sorted().map { call in
                let summary = LatencySummary(nanoseconds: samples[call] ?? [])
                return "  " + call.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "%8d calls  p50 %7.2f ms  p99 %7.2f ms", summary.count, summary.p50 / 1_000,
                             summary.p99 / 1_000)
            }
        }
    }
}
