import TestSupport
import Testing
import TestProtos
import Wire

/// Arbitrary and mutated bytes fed to both decoders: neither may crash, and when both
/// accept the bytes they must read the same message. Seeded, so a failure reproduces.
///
/// Where protobuf-c 1.4 legitimately reads some bytes differently, only that corner is
/// left out of the comparison:
/// - it accepts invalid UTF-8 in strings, which we refuse (proto3 requires valid UTF-8),
///   so such input is never accepted by both;
/// - its strings are NUL-terminated, so a string holding U+0000 ends there on its side:
///   our strings are rendered cut at the first NUL for this comparison;
/// - a singular message field that occurs twice replaces the first occurrence on its
///   side, while the protobuf spec (and we) merge the two: such input is skipped;
/// - two different members of one oneof make it refuse the message (we keep the last,
///   as the spec says), so such input is never accepted by both.
@Suite struct DecoderFuzzTests {
    @Test func randomBytesNeverCrashEitherDecoder() {
        var generator = SplitMix64(seed: 0x46_75_7A_7A)
        var compared = 0
        for round in 0..<20_000 {
            let count = Int(generator.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if expectAgreementWhenBothAccept(bytes, "random bytes, round \(round)") { compared += 1 }
        }
        // Most random bytes are refused; enough must pass both decoders to compare.
        #expect(compared > 300, "only \(compared) inputs were accepted by both decoders")
    }

    @Test func mutatedMessagesNeverCrashEitherDecoder() {
        // Small random messages (large ones would make each round slow), damaged in a
        // few bytes and sometimes cut short.
        let seeds = (0..<200).lazy.map { AllTypes.random(seed: $0).wireEncoded() }
            .filter { !$0.isEmpty && $0.count < 2_000 }.prefix(40)
        var generator = SplitMix64(seed: 2026)
        var round = 0
        var compared = 0
        for valid in seeds {
            for _ in 0..<250 {
                var bytes = valid
                for _ in 0..<(1 + generator.next() % 4) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
                if generator.next() % 4 == 0 {
                    bytes.removeLast(Int(generator.next() % UInt64(bytes.count)))
                }
                if expectAgreementWhenBothAccept(bytes, "mutated message, round \(round)") { compared += 1 }
                round += 1
            }
        }
        #expect(compared > 1_000, "only \(compared) inputs were accepted by both decoders")
    }

    /// Compares the two readings when both decoders accept the bytes; says whether it did.
    func expectAgreementWhenBothAccept(_ bytes: [UInt8], _ context: String) -> Bool {
        let ours = try? AllTypes(wireEncoded: bytes)
        let theirs = ProtobufC.canonicalText(unpacking: bytes, as: .allTypes)
        guard let ours, theirs != nil, !repeatsASingularMessage(bytes) else { return false }
        expectSameText(ours.canonicalText(.init(stringsEndAtNUL: true)), theirs, context)
        return true
    }

    /// Whether a singular message field of AllTypes (17, 56, 62), or the message value of
    /// an `m_string_nested` entry, occurs more than once.
    private func repeatsASingularMessage(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var reader = WireReader(raw)
            var seen = Set<Int>()
            while let tag = try? reader.nextTag() {
                if [17, 56, 62].contains(tag.fieldNumber), !seen.insert(tag.fieldNumber).inserted { return true }
                if tag.fieldNumber == 43, tag.wireType == .lengthDelimited {
                    guard let entry = try? reader.readLengthDelimited(fieldNumber: 43) else { return false }
                    if occurrences(of: 2, in: entry) > 1 { return true }
                } else if (try? reader.skipField(tag)) == nil {
                    return false
                }
            }
            return false
        }
    }

    private func occurrences(of fieldNumber: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var reader = WireReader(bytes)
        var count = 0
        while let tag = try? reader.nextTag() {
            if tag.fieldNumber == fieldNumber { count += 1 }
            if (try? reader.skipField(tag)) == nil { break }
        }
        return count
    }
}
