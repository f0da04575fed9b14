/// The generator's only source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Written out here rather than taken from the standard library because the seed
/// files must be the same for the same seed on every machine and every Swift release:
/// `SystemRandomNumberGenerator` cannot be seeded, and the algorithms behind
/// `Int.random(in:using:)` and `shuffle(using:)` are not promised to stay the same.
public struct SeedRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var mixer = seed
        func splitMix() -> UInt64 {
            mixer &+= 0x9E37_79B9_7F4A_7C15
            var z = mixer
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// An independent stream for one part of the output (a province), so that the
    /// part's data does not depend on how much randomness the parts before it used.
    public func derived(_ stream: UInt64) -> SeedRandom {
        SeedRandom(seed: state.0 ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// 0 ..< `count` (Lemire's multiply-high; the tiny bias is irrelevant here).
    public mutating func below(_ count: Int) -> Int {
        precondition(count > 0, "below(0) has no value to give")
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }

    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// Uniform in [0, 1).
    public mutating func fraction() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    public mutating func chance(_ probability: Double) -> Bool {
        fraction() < probability
    }

    public mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[below(elements.count)]
    }

    /// Fisher–Yates, spelled out so the order is the same on every Swift release.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, below(index + 1))
        }
    }
}
