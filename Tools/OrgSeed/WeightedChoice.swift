/// Picks from a list where some entries are much more common than others (family
/// names: about four Vietnamese in ten are Nguyễn).
struct WeightedChoice<Element: Sendable>: Sendable {
    private let elements: [Element]
    private let cumulative: [Double]

    init(_ weighted: [(Element, Double)]) {
        precondition(!weighted.isEmpty, "a weighted choice needs at least one entry")
        elements = weighted.map(\.0)
        var running = 0.0
        cumulative = weighted.map { running += $0.1; return running }
    }

    func pick(_ random: inout SeedRandom) -> Element {
        let target = random.fraction() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return elements[low]
    }
}

/// Splits a whole number into parts proportional to `weights` that add up to exactly
/// `total` (largest remainder), so presets hit their published figures exactly.
func apportion(_ total: Int, weights: [Double]) -> [Int] {
    let sum = weights.reduce(0, +)
    guard total > 0, sum > 0 else { return weights.map { _ in 0 } }
    let exact = weights.map { Double(total) * $0 / sum }
    var parts = exact.map { Int($0.rounded(.down)) }
    let byRemainder = exact.indices.sorted { (exact[$0] - Double(parts[$0]), $1) > (exact[$1] - Double(parts[$1]), $0) }
    for index in byRemainder.prefix(total - parts.reduce(0, +)) { parts[index] += 1 }
    return parts
}
