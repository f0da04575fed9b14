/// Call latencies counted into fixed buckets, as a Prometheus histogram. Observing is
/// lock-free, so event loops recording calls at once never wait on each other.
final class LatencyHistogram: Sendable {
    /// Upper bounds in seconds: fine below 10 ms where RPCs should live, coarse above.
    static let bucketBounds: [Double] = [
        0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]
    /// The same bounds in nanoseconds, what observations are compared with.
    static let bucketBoundsNanoseconds: [UInt64] = bucketBounds.map { UInt64(($0 * 1e9).rounded()) }

    /// buckets[i] holds observations ≤ bucketBounds[i] and > the bound before; the last
    /// slot holds those above every bound.
    private let buckets = (0...bucketBounds.count).map { _ in AtomicCounter() }
    private let sumNanoseconds = AtomicCounter()

    init() {}

    func observe(nanoseconds: UInt64) {
        var index = 0
        while index < Self.bucketBoundsNanoseconds.count, nanoseconds > Self.bucketBoundsNanoseconds[index] { index += 1 }
        buckets[index].add(1)
        sumNanoseconds.add(nanoseconds)
    }

    /// A reading of the buckets, for rendering. Taken while calls are recorded, so it
    /// may be a few observations behind in one bucket or the sum, never ahead.
    func snapshot() -> Snapshot {
        Snapshot(counts: buckets.map(\.current), sumSeconds: Double(sumNanoseconds.current) / 1e9)
    }

    struct Snapshot {
        let counts: [UInt64]
        let sumSeconds: Double

        var count: UInt64 { counts.reduce(0, +) }

        /// Prometheus buckets are cumulative: each counts everything at or below its bound.
        var cumulativeCounts: [UInt64] {
            var running: UInt64 = 0
            return counts.map { running += $0; return running }
        }
    }
}
