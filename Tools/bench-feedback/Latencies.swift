import Foundation

/// Latencies of calls made by `concurrency` closed loops, as percentiles; a run either
/// makes `calls` calls or goes on until `until` says stop (calls during the sweep).
struct Latencies {
    var samplesMs: [Double] = []
    var errors = 0
    var firstError: String?
    var seconds = 0.0

    static func measure(calls: Int = .max, concurrency: Int, until stop: @escaping @Sendable () -> Bool = { false },
                        _ call: @escaping @Sendable (Int) async throws -> Void) async -> Latencies {
        let clock = ContinuousClock()
        let started = clock.now
        var result = Latencies()
        await withTaskGroup(of: Latencies.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var own = Latencies()
                    var index = worker
                    while index < calls && !stop() {
                        let began = clock.now
                        do { try await call(index) } catch {
                            own.errors += 1
                            own.firstError = own.firstError ?? "\(error)"
                        }
                        own.samplesMs.append((clock.now - began).seconds * 1e3)
                        index += concurrency
                    }
                    return own
                }
            }
            for await own in group {
                result.samplesMs += own.samplesMs
                result.errors += own.errors
                result.firstError = result.firstError ?? own.firstError
            }
        }
        result.seconds = (clock.now - started).seconds
        result.samplesMs.sort()
        return result
    }

    func percentile(_ fraction: Double) -> Double {
        samplesMs.isEmpty ? .nan : samplesMs[min(samplesMs.count - 1, Int(Double(samplesMs.count) * fraction))]
    }

    var perSecond: Double { Double(samplesMs.count) / seconds }

    var summary: String {
        String(format: "%d calls, p50 %.2f ms, p99 %.2f ms, %.0f calls/s", samplesMs.count, percentile(0.5),
               percentile(0.99), perSecond) + (errors > 0 ? ", \(errors) errors (first: \(firstError ?? ""))" : "")
    }
}
