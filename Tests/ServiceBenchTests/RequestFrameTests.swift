import RPCContracts
import ServiceBench
import Testing
import Wire

/// The C load generator writes `0x08 <call id>` and then `tail`; the attackers write
/// `bytes(callID:)`. Both must be the Frame the contract describes.
@Suite struct RequestFrameTests {
    private let request = RequestFrame(method: "/sotay.rpc.v1.Health/Check", metadata: ["authorization": "Bearer t"],
                                       request: HealthCheckRequest())

    @Test func theCallIDFieldFollowedByTheTailIsTheWholeFrame() throws {
        let frame = try Frame(wireEncoded: [0x08, 0x2A] + request.tail)
        #expect(frame.callID == 42)
        #expect(frame.kind == .request)
        #expect(frame.method == "/sotay.rpc.v1.Health/Check")
        #expect(frame.metadata == ["authorization": "Bearer t"])
        #expect(frame.timeoutMS == 10_000)
    }

    @Test func bytesCarryTheBodysLengthBigEndianFirst() throws {
        let bytes = request.bytes(callID: 300)
        let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        #expect(length == bytes.count - 4)
        let frame = try Frame(wireEncoded: Array(bytes[4...]))
        #expect(frame.callID == 300)
        #expect(frame.payload == request.payload)
    }
}
