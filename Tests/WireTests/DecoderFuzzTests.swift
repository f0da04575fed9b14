import TestSupport
import Testing
@testable import Wire

/// A bounded fuzz run in the regular suite: arbitrary and mutated bytes must decode or
/// throw a `WireDecodingError`, never crash. Seeded, so a failure reproduces.
@Suite struct DecoderFuzzTests {
    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = SplitMix64(seed: 0x50_74_61_79)
        for _ in 0..<20_000 {
            let count = Int(generator.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? SampleMessage(wireEncoded: bytes)
        }
    }

    @Test func mutatedValidMessagesNeverCrashTheDecoder() {
        var seed = SampleMessage()
        seed.number = 7
        seed.name = "Đảng bộ tỉnh Yên Bái"
        seed.values = [1, -2, 300]
        seed.labels = ["a": "b"]
        seed.children = [seed]
        let valid = seed.wireEncoded()
        var generator = SplitMix64(seed: 2026)
        for _ in 0..<20_000 {
            var bytes = valid
            for _ in 0..<(1 + generator.next() % 4) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            if generator.next() % 4 == 0 {
                bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
            }
            _ = try? SampleMessage(wireEncoded: bytes)
        }
    }
}
