import Testing
import TestProtos

/// Many seeded random messages in each direction. A failure names its seed, which
/// rebuilds the same message.
@Suite struct RandomMessageTests {
    static let messagesEachWay: UInt64 = 2_000

    @Test func ourRandomMessagesReadTheSameInProtobufC() throws {
        for seed in 0..<Self.messagesEachWay {
            let message = AllTypes.random(seed: seed)
            let ours = message.canonicalText()
            let bytes = message.wireEncoded()
            expectSameText(ours, ProtobufC.canonicalText(unpacking: bytes, as: .allTypes), "seed \(seed)")
            // Our own decoder, too, through the text (NaN makes == useless here).
            expectSameText(ours, try AllTypes(wireEncoded: bytes).canonicalText(), "seed \(seed), our decoder")
        }
    }

    @Test func protobufCRandomMessagesReadTheSameInOurs() throws {
        for seed in 0..<Self.messagesEachWay {
            // Seeds apart from the other direction's, so the two cover different messages.
            let (bytes, theirs) = ProtobufC.randomMessage(seed: seed | 1 << 40, as: .allTypes)
            let decoded = try AllTypes(wireEncoded: bytes)
            expectSameText(decoded.canonicalText(), theirs, "seed \(seed)")
            // Idempotence: our encoding of what we read reads the same in protobuf-c.
            expectSameText(
                theirs, ProtobufC.canonicalText(unpacking: decoded.wireEncoded(), as: .allTypes),
                "seed \(seed), our re-encoding")
        }
    }
}
