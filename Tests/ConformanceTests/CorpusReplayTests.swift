import Foundation
import RPCContracts
import Testing
import TestProtos
import Wire

/// Replays every input that ever crashed the decoders, hung them or made them slow
/// (kept in Corpus/ by Tools/fuzz-wire.sh, plus hand-made inputs named `seed-…` for
/// the damage libFuzzer takes long to find): each must still decode or fail cleanly,
/// both decoders must agree when both accept it, and what decodes must encode stably.
@Suite struct CorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        return try names.map { name in
            (name, [UInt8](try Data(contentsOf: corpus.appendingPathComponent(name))))
        }
    }

    @Test func theCorpusIsThere() throws {
        // Without this, a moved folder would make the replay below pass on nothing.
        #expect(try Self.inputs().count >= 9)
    }

    @Test func everyKeptInputDecodesOrFailsCleanlyAndBothDecodersAgree() throws {
        let fuzz = DecoderFuzzTests()
        for (name, bytes) in try Self.inputs() {
            _ = fuzz.expectAgreementWhenBothAccept(bytes, name)
            if let message = try? AllTypes(wireEncoded: bytes) { expectStableEncoding(message, name) }
            if let frame = try? Frame(wireEncoded: bytes) { expectStableEncoding(frame, name) }
        }
    }

    private func expectStableEncoding<Message: WireMessage>(_ message: Message, _ name: String) {
        let once = message.wireEncoded()
        let again = try? Message(wireEncoded: once)
        #expect(again?.wireEncoded() == once, "\(Message.self) from \(name) does not encode stably")
    }
}
