@testable import RPC
import RPCContracts
import XCTest

/// The response writer that skips building a `Frame` writes the very bytes the
/// generated encoder writes for the same frame.
final class FrameWriterTests: XCTestCase {
    func testAResponseIsWrittenByteForByteAsTheGeneratedEncoderWritesIt() {
        let callIDs: [UInt64] = [0, 1, 127, 128, 16_383, 16_384, 1 << 32, .max]
        let payloadSizes = [0, 1, 127, 128, 16_384, 70_000]
        for callID in callIDs {
            for size in payloadSizes {
                let payload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                var frame = Frame()
                frame.callID = callID
                frame.kind = .response
                frame.payload = payload
                let generated = ByteBuffer()
                generated.appendFrame(frame)
                let direct = ByteBuffer()
                direct.appendResponse(callID: callID, payload: payload)
                XCTAssertEqual(Array(direct.readableBytes), Array(generated.readableBytes),
                               "call \(callID), payload of \(size) bytes")
            }
        }
    }
}
