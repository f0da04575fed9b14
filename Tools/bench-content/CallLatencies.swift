import Foundation
import ServiceBench

/// One kind of call made `calls` times one after another (after a warm-up) over the
/// real RPC: the latency a single client sees, summarised by ServiceBench.
struct CallLatencies {
    let name: String
    let summary: LatencySummary
    let errors: Int

    static func measure(_ name: String, calls: Int, warmUp: Int = 20, _ call: (Int) async throws -> Void) async
        -> CallLatencies
    {
        for index in 0..<warmUp { try? await call(index) }
        var samples: [UInt64] = []
        samples.reserveCapacity(calls)
        var errors = 0
        for index in 0..<calls {
            let began = DispatchTime.now().uptimeNanoseconds
            do { try await call(index) } catch { errors += 1 }
            samples.append(DispatchTime.now().uptimeNanoseconds - began)
        }
        return CallLatencies(name: name, summary: LatencySummary(nanoseconds: samples), errors: errors)
    }

    var p50Ms: Double { summary.p50 / 1000 }
    var p99Ms: Double { summary.p99 / 1000 }

    var line: String {
        name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.2f %9.2f", p50Ms, p99Ms)
            + (errors > 0 ? "   \(errors) errors" : "")
    }
}
