import Foundation
import OrgSeed

/// Latency of one kind of call: `calls` calls from `concurrency` tasks (each its own
/// closed loop), after a short warm-up, on the real RPC client and server.
struct LatencyRun {
    let name: String
    let calls: Int
    let errors: Int
    let p50Ms: Double
    let p99Ms: Double
    let callsPerSecond: Double
    let firstError: String?

    static func measure(_ name: String, calls: Int, concurrency: Int, warmUp: Int = 100,
                        _ call: @escaping @Sendable (Int) async throws -> Void) async -> LatencyRun {
        for index in 0..<warmUp { try? await call(index) }
        let clock = ContinuousClock()
        let started = clock.now
        let results = await withTaskGroup(of: ([Double], Int, String?).self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    var errors = 0
                    var firstError: String?
                    for index in stride(from: worker, to: calls, by: concurrency) {
                        let began = clock.now
                        do {
                            try await call(index)
                        } catch {
                            errors += 1
                            firstError = firstError ?? "\(error)"
                        }
                        latencies.append((clock.now - began).inSeconds * 1e3)
                    }
                    return (latencies, errors, firstError)
                }
            }
            var all: [([Double], Int, String?)] = []
            for await result in group { all.append(result) }
            return all
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        let latencies = results.flatMap(\.0).sorted()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        return LatencyRun(name: name, calls: calls, errors: results.reduce(0) { $0 + $1.1 }, p50Ms: percentile(0.5),
                          p99Ms: percentile(0.99), callsPerSecond: Double(calls) / seconds,
                          firstError: results.compactMap(\.2).first)
    }
}
