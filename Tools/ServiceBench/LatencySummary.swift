/// Percentiles of a set of latencies given in nanoseconds, reported in microseconds.
public struct LatencySummary: Sendable {
    public let count: Int
    public let p50: Double
    public let p99: Double

    public init(nanoseconds samples: [UInt64]) {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000
        }
        count = sorted.count
        p50 = percentile(0.50)
        p99 = percentile(0.99)
    }
}
