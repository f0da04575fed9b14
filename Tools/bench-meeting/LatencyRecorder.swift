import Foundation
import Synchronization

/// Runs calls with a fixed number of workers and keeps each call's latency, so a
/// phase reports its rate and percentiles; failures are counted, never hidden.
enum LatencyRecorder {
    struct Figures {
        let calls: Int
        let failures: Int
        let seconds: Double
        let latenciesMs: [Double]

        var perSecond: Double { Double(calls) / max(seconds, 1e-9) }

        func percentile(_ p: Double) -> Double {
            guard !latenciesMs.isEmpty else { return 0 }
            let sorted = latenciesMs.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }

        var line: String {
            String(format: "%d calls in %.1f s: %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d failed", calls, seconds,
                   perSecond, percentile(0.5), percentile(0.99), latenciesMs.max() ?? 0, failures)
        }
    }

    /// `call(i)` for every i in 0..<count, `workers` at a time.
    static func run(_ count: Int, workers: Int, _ call: @escaping @Sendable (Int) async throws -> Void) async -> Figures {
        let next = Cursor()
        let started = ContinuousClock.now
        let results = await withTaskGroup(of: ([Double], Int).self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var latencies: [Double] = []
                    var failures = 0
                    while true {
                        let index = next.take()
                        guard index < count else { break }
                        let begin = ContinuousClock.now
                        do {
                            try await call(index)
                            let elapsed = ContinuousClock.now - begin
                            latencies.append(Double(elapsed.components.attoseconds) / 1e15
                                             + Double(elapsed.components.seconds) * 1000)
                        } catch {
                            failures += 1
                        }
                    }
                    return (latencies, failures)
                }
            }
            var all: ([Double], Int) = ([], 0)
            for await (latencies, failures) in group {
                all.0 += latencies
                all.1 += failures
            }
            return all
        }
        let elapsed = ContinuousClock.now - started
        return Figures(calls: count, failures: results.1,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       latenciesMs: results.0)
    }
}

/// The next call to make, shared by a phase's workers.
final class Cursor: Sendable {
    private let position = Mutex(0)

    func take() -> Int {
        position.withLock { position in
            defer { position += 1 }
            return position
        }
    }
}
