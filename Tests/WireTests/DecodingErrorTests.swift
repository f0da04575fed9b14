import Testing
@testable import Wire

@Suite struct DecodingErrorTests {
    private func decodingError(_ bytes: [UInt8]) -> WireDecodingError? {
        do {
            _ = try SampleMessage(wireEncoded: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func truncatedVarint() {
        #expect(decodingError([0x08, 0x96]) == .truncated)
    }

    @Test func truncatedTag() {
        #expect(decodingError([0x80]) == .truncated)
    }

    @Test func truncatedFixed32InAnUnknownField() {
        #expect(decodingError([0x55, 1, 2]) == .truncated)
    }

    @Test func varintLongerThanTenBytes() {
        #expect(decodingError([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01]) == .malformedVarint)
    }

    @Test func tenthVarintByteOverflowing64Bits() {
        #expect(decodingError([0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x02]) == .malformedVarint)
    }

    @Test func wireTypesSixAndSevenAndGroups() {
        #expect(decodingError([0x0E]) == .invalidWireType(6))
        #expect(decodingError([0x0F]) == .invalidWireType(7))
        #expect(decodingError([0x0B]) == .invalidWireType(3))
    }

    @Test func knownFieldWithTheWrongWireType() {
        // Field 2 is a string; here it arrives as a varint.
        #expect(decodingError([0x10, 0x01]) == .wrongWireType(fieldNumber: 2, wireType: 0))
    }

    @Test func lengthPastTheEnd() {
        #expect(decodingError([0x12, 0x05, 0x61]) == .lengthPastEnd(fieldNumber: 2, length: 5))
    }

    @Test func hugeLengthIsRejectedBeforeAnyAllocation() {
        #expect(decodingError([0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == .lengthPastEnd(fieldNumber: 2, length: 0xFFFF_FFFF))
    }

    @Test func fieldNumberZero() {
        #expect(decodingError([0x00, 0x01]) == .invalidFieldNumber(0))
    }

    @Test func invalidUTF8InAString() {
        #expect(decodingError([0x12, 0x02, 0xC3, 0x28]) == .invalidUTF8(fieldNumber: 2))
        #expect(decodingError([0x12, 0x01, 0xFF]) == .invalidUTF8(fieldNumber: 2))
        let invalid: [[UInt8]] = [
            [0xC0, 0x80],                   // overlong NUL
            [0xE0, 0x80, 0xAF],             // overlong "/"
            [0xED, 0xA0, 0x80],             // UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80],       // above U+10FFFF
            [0xF0, 0x9F, 0x98, 0x61],       // truncated 4-byte sequence, repaired to as many bytes
            [0x80],                         // lone continuation byte
            [0xE1, 0xBB, 0x85, 0xE1, 0xBB], // valid "ễ" then a truncated sequence at the end
            Array("Nguyễn Thị Hồng Nhung".utf8) + [0xFE],  // longer than a small string
        ]
        for bytes in invalid {
            #expect(decodingError([0x12, UInt8(bytes.count)] + bytes) == .invalidUTF8(fieldNumber: 2))
        }
    }

    @Test func aMalformedFieldAfterARepeatedElementIsStillReported() {
        // One child (field 5, empty) then a truncated varint for field 1.
        #expect(decodingError([0x2A, 0x00, 0x08, 0x96]) == .truncated)
        // One child then a length running past the end.
        #expect(decodingError([0x2A, 0x00, 0x12, 0x05, 0x61]) == .lengthPastEnd(fieldNumber: 2, length: 5))
    }

    @Test func nestingDeeperThanTheLimit() {
        var innermost = SampleMessage()
        innermost.number = 1
        var message = innermost
        for _ in 0..<(WireReader.maxDepth + 5) {
            var parent = SampleMessage()
            parent.children = [message]
            message = parent
        }
        #expect(decodingError(message.wireEncoded()) == .nestingTooDeep(limit: WireReader.maxDepth))
    }

    @Test func nestingJustInsideTheLimitDecodes() throws {
        var message = SampleMessage()
        for _ in 0..<(WireReader.maxDepth - 1) {
            var parent = SampleMessage()
            parent.children = [message]
            message = parent
        }
        #expect(try SampleMessage(wireEncoded: message.wireEncoded()) == message)
    }
}
