/// Call latencies counted into fixed buckets, as a Prometheus histogram.
struct LatencyHistogram: Sendable {
    /// Upper bounds in seconds: fine below 10 ms where RPCs should live, coarse above.
    static let bucketBounds: [Double] = [
        0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    /// counts[i] holds observations ≤ bucketBounds[i] and > the bound before; the last
    /// slot holds those above every bound.
    private(set) var counts = [UInt64](repeating: 0, count: bucketBounds.count + 1)
    private(set) var sum: Double = 0
    private(set) var count: UInt64 = 0

    mutating func observe(seconds: Double) {
        var index = 0
        while index < Self.bucketBounds.count, seconds > Self.bucketBounds[index] { index += 1 }
        counts[index] += 1
        sum += seconds
        count += 1
    }

    /// Prometheus buckets are cumulative: each counts everything at or below its bound.
    var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return counts.map { running += $0; return running }
    }
}
