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
