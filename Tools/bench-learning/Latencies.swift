import Foundation
import Synchronization

/// Call latencies by call name, for p50/p99.
final class Latencies: Sendable {
    private let samples = Mutex<[String: [Double]]>([:])

    func record(_ call: String, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        samples.withLock { $0[call, default: []].append(ms) }
    }

    func count(_ call: String) -> Int { samples.withLock { $0[call]?.count ?? 0 } }

    /// "name: n calls, p50 … ms, p99 … ms" per call.
    func report() -> [String] {
        samples.withLock { samples in
            samples.keys.sorted().map { call in
                let sorted = (samples[call] ?? []).sorted()
                func percentile(_ p: Double) -> Double {
                    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
                }
                return "  " + call.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "%8d calls  p50 %7.2f ms  p99 %7.2f ms", sorted.count, percentile(0.5), percentile(0.99))
            }
        }
    }
}
