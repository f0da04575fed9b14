import Foundation
import ServiceBench

/// Calls made by `concurrency` closed loops: either `calls` calls in all, or until
/// `until` says stop (the calls made during the sweep). Percentiles come from
/// ServiceBench's `LatencySummary`, as in every service's bench.
struct ClosedLoops {
    var samplesNs: [UInt64] = []
    var errors = 0
    var firstError: String?
    var seconds = 0.0

    static func measure(calls: Int = .max, concurrency: Int, until stop: @escaping @Sendable () -> Bool = { false },
                        _ call: @escaping @Sendable (Int) async throws -> Void) async -> ClosedLoops {
        let clock = ContinuousClock()
        let started = clock.now
        var result = ClosedLoops()
        await withTaskGroup(of: ClosedLoops.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var own = ClosedLoops()
                    var index = worker
                    while index < calls && !stop() {
                        let began = clock.now
                        do { try await call(index) } catch {
                            own.errors += 1
                            own.firstError = own.firstError ?? "\(error)"
                        }
                        own.samplesNs.append(UInt64((clock.now - began).seconds * 1e9))
                        index += concurrency
                    }
                    return own
                }
            }
            for await own in group {
                result.samplesNs += own.samplesNs
                result.errors += own.errors
                result.firstError = result.firstError ?? own.firstError
            }
        }
        result.seconds = (clock.now - started).seconds
        return result
    }

    var latency: LatencySummary { LatencySummary(nanoseconds: samplesNs) }

    var perSecond: Double { Double(samplesNs.count) / seconds }

    var summary: String {
        let latency = self.latency
        return String(format: "%d calls, p50 %.2f ms, p99 %.2f ms, %.0f calls/s", latency.count, latency.p50 / 1000,
                      latency.p99 / 1000, perSecond) + (errors > 0 ? ", \(errors) errors (first: \(firstError ?? ""))" : "")
    }
}
