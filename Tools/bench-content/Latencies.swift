import Foundation

/// One kind of call, made `calls` times one after another (after a warm-up) from this
/// process over the real RPC: the latency a single client sees, p50 and p99.
struct Latencies {
    let name: String
    let p50Ms: Double
    let p99Ms: Double
    let errors: Int

    static func measure(_ name: String, calls: Int, warmUp: Int = 20,
                        _ call: (Int) async throws -> Void) async -> Latencies {
        for index in 0..<warmUp { try? await call(index) }
        var samples: [Double] = []
        var errors = 0
        let clock = ContinuousClock()
        for index in 0..<calls {
            let began = clock.now
            do { try await call(index) } catch { errors += 1 }
            let elapsed = clock.now - began
            samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
        }
        samples.sort()
        func at(_ share: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * share))] }
        return Latencies(name: name, p50Ms: at(0.5), p99Ms: at(0.99), errors: errors)
    }

    var line: String {
        name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.2f %9.2f", p50Ms, p99Ms)
            + (errors > 0 ? "   \(errors) errors" : "")
    }
}
