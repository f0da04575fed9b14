/// Nearest-rank percentiles of durations (statistics' median and 90th percentile).
enum Percentiles {
    /// The value at `fraction` (0–1] of `sorted` (ascending); 0 for no values.
    static func nearestRank(_ fraction: Double, of sorted: [Int64]) -> Int64 {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
