import Testing
import TestProtos
import Wire

/// Checks one message in both directions: protobuf-c reads our encoding as the same
/// message, and we read protobuf-c's encoding of it as protobuf-c holds it.
///
/// `survivesProtobufC` is false for the one known difference in what the two encoders
/// write: protobuf-c 1.4 compares a plain (implicit-presence) float or double to 0.0
/// numerically, so it does not write -0.0, which we (like the C++ and Swift runtimes)
/// write because its bits differ from the default.
func expectBothWaysAgree(
    _ message: AllTypes, survivesProtobufC: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let ours = message.canonicalText()
    let bytes = message.wireEncoded()
    #expect(ProtobufC.canonicalText(unpacking: bytes, as: .allTypes) == ours, sourceLocation: sourceLocation)

    let theirBytes = try #require(ProtobufC.repack(bytes, as: .allTypes), sourceLocation: sourceLocation)
    let theirs = ProtobufC.canonicalText(unpacking: theirBytes, as: .allTypes)
    let decoded = try AllTypes(wireEncoded: theirBytes)
    #expect(decoded.canonicalText() == theirs, sourceLocation: sourceLocation)
    if survivesProtobufC {
        #expect(decoded.canonicalText() == ours, sourceLocation: sourceLocation)
    }
}
