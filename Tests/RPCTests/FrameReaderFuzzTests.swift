@testable import RPC
import RPCContracts
import TestSupport
import Wire
import XCTest

/// The frame reader and the Frame decoder take arbitrary bytes, in arbitrary pieces,
/// without crashing, allocating past the limit, or losing frame boundaries.
final class FrameReaderFuzzTests: XCTestCase {
    func testRandomBytesInRandomPiecesNeverCrashTheReader() {
        var generator = SplitMix64(seed: 20_240_601)
        for _ in 0..<2_000 {
            var reader = FrameReader(maxFrameSize: 4096)
            let length = Int.random(in: 0...3000, using: &generator)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var offset = 0
            reading: while offset < bytes.count {
                let piece = Int.random(in: 1...512, using: &generator)
                let end = min(bytes.count, offset + piece)
                do {
                    try bytes[offset..<end].withUnsafeBytes { chunk in
                        try reader.consume(chunk, now: 0) { frame in
                            XCTAssertLessThanOrEqual(frame.count, 4096)
                            _ = try? Frame(wireEncoded: frame)
                            return .more
                        }
                    }
                } catch {
                    guard case .frameTooLarge(let announced, _)? = error as? FrameReader.Failure else {
                        return XCTFail("\(error)")
                    }
                    XCTAssertGreaterThan(announced, 4096)
                    break reading
                }
                offset = end
            }
        }
    }

    func testValidFramesSplitAtEveryBoundaryComeOutWhole() throws {
        var generator = SplitMix64(seed: 7)
        var stream: [UInt8] = []
        var sent: [Frame] = []
        for id in 1...200 {
            var frame = Frame()
            frame.callID = UInt64(id)
            frame.kind = .request
            frame.method = "/sotay.test.v1.TestService/Echo"
            frame.payload = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            sent.append(frame)
            stream += RawConnection.framed(frame.wireEncoded())
        }
        var reader = FrameReader(maxFrameSize: 4096)
        var received: [Frame] = []
        var offset = 0
        while offset < stream.count {
            let end = min(stream.count, offset + Int.random(in: 1...64, using: &generator))
            try stream[offset..<end].withUnsafeBytes { chunk in
                try reader.consume(chunk, now: 0) { bytes in
                    received.append(try! Frame(wireEncoded: bytes))
                    return .more
                }
            }
            offset = end
        }
        XCTAssertEqual(received, sent)
        XCTAssertFalse(reader.hasPartialFrame)
    }

    func testAPauseKeepsTheRestAndAResumeHandsItOutInOrder() throws {
        var stream: [UInt8] = []
        for id in 1...10 {
            var frame = Frame()
            frame.callID = UInt64(id)
            stream += RawConnection.framed(frame.wireEncoded())
        }
        var reader = FrameReader(maxFrameSize: 4096)
        var received: [UInt64] = []
        // All ten frames and half of an eleventh arrive in one read; the receiver
        // pauses after every third frame.
        let tail = RawConnection.framed(Frame().wireEncoded() + [0x08, 0x0B])
        try (stream + tail.prefix(3)).withUnsafeBytes { chunk in
            try reader.consume(chunk, now: 0) { bytes in
                received.append(try! Frame(wireEncoded: bytes).callID)
                return received.count % 3 == 0 ? .pause : .more
            }
        }
        XCTAssertEqual(received, [1, 2, 3])
        XCTAssertNil(reader.partialFrameSince, "a paused reader is not waiting on the client")
        while received.count < 10 {
            let before = received.count
            try reader.consume(UnsafeRawBufferPointer(start: nil, count: 0), now: 0) { bytes in
                received.append(try! Frame(wireEncoded: bytes).callID)
                return received.count % 3 == 0 ? .pause : .more
            }
            XCTAssertGreaterThan(received.count, before)
        }
        XCTAssertEqual(received, Array(1...10))
        try tail.dropFirst(3).withUnsafeBytes { chunk in
            try reader.consume(chunk, now: 0) { bytes in
                received.append(try! Frame(wireEncoded: bytes).callID)
                return .more
            }
        }
        XCTAssertEqual(received, Array(1...10) + [11])
        XCTAssertFalse(reader.hasPartialFrame)
    }

    func testALengthOverTheLimitIsRefusedBeforeTheFrameIsBuffered() {
        var reader = FrameReader(maxFrameSize: 100)
        let bytes: [UInt8] = [0, 0, 0, 101]
        XCTAssertThrowsError(try bytes.withUnsafeBytes { try reader.consume($0, now: 0) { _ in .more } })
    }

    func testTheDecoderSurvivesMutatedFrames() {
        var generator = SplitMix64(seed: 99)
        var frame = Frame()
        frame.callID = 12345
        frame.kind = .request
        frame.method = "/sotay.org.v1.OrgService/GetUnit"
        frame.metadata = ["authorization": "Bearer abc", "request-id": "r-1"]
        frame.timeoutMS = 5000
        frame.payload = Array(repeating: 7, count: 40)
        let valid = frame.wireEncoded()
        for _ in 0..<20_000 {
            var mutated = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if Bool.random(using: &generator) { mutated.removeLast(Int.random(in: 0..<mutated.count, using: &generator)) }
            _ = try? Frame(wireEncoded: mutated)
        }
    }
}
