import Foundation

/// Member counts for the cells of one type that add up to exactly the members the
/// preset gives that type, spread like the real ones: right-skewed (many small
/// cells, a few large), village cells in the four size bands of docs/domain.md.
enum CellSizes {
    static func sizes(of type: SeedCellType, cells: Int, members: Int, random: inout SeedRandom) -> [Int] {
        guard cells > 0 else { return [] }
        var bounds: [ClosedRange<Int>]
        if type == .villageResidential {
            let perBucket = apportion(cells, weights: CellMix.villageBuckets.map { Double($0.cells) })
            bounds = zip(perBucket, CellMix.villageBuckets).flatMap { count, bucket in
                Array(repeating: bucket.sizes, count: count)
            }
            random.shuffle(&bounds)
        } else {
            bounds = Array(repeating: CellMix.figures(type).sizeRange, count: cells)
        }
        let average = Double(members) / Double(cells)
        var sizes = bounds.map { range in skewed(in: range, average: average, random: &random) }
        adjust(&sizes, within: bounds, toTotal: members, random: &random)
        return sizes
    }

    /// lo + (hi − lo)·u^k has mean lo + (hi − lo)/(k + 1): k is chosen for the type's
    /// average, which gives the long tail of a few big cells. A band narrower than
    /// that average's reach is simply drawn evenly.
    private static func skewed(in range: ClosedRange<Int>, average: Double, random: inout SeedRandom) -> Int {
        let low = Double(range.lowerBound)
        let span = Double(range.upperBound - range.lowerBound)
        let exponent = average > low && average < low + span / 2 ? span / (average - low) - 1 : 1
        let value = low + span * pow(random.fraction(), exponent)
        return min(range.upperBound, max(range.lowerBound, Int(value.rounded())))
    }

    /// Moves single members between cells, within each cell's bounds, until the sizes
    /// add up to `total` (or nothing more can move).
    private static func adjust(_ sizes: inout [Int], within bounds: [ClosedRange<Int>], toTotal total: Int,
                               random: inout SeedRandom) {
        var difference = total - sizes.reduce(0, +)
        let capacity = difference > 0
            ? zip(sizes, bounds).reduce(0) { $0 + $1.1.upperBound - $1.0 }
            : zip(sizes, bounds).reduce(0) { $0 + $1.0 - $1.1.lowerBound }
        guard capacity >= abs(difference) else {
            // Cannot reach it within bounds: leave the sizes at the nearest they can be.
            for index in sizes.indices {
                sizes[index] = difference > 0 ? bounds[index].upperBound : bounds[index].lowerBound
            }
            return
        }
        let step = difference > 0 ? 1 : -1
        while difference != 0 {
            let index = random.below(sizes.count)
            let moved = sizes[index] + step
            guard bounds[index].contains(moved) else { continue }
            sizes[index] = moved
            difference -= step
        }
    }
}
