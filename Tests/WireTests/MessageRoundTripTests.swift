import Testing
@testable import Wire

@Suite struct MessageRoundTripTests {
    @Test func aFullMessageDecodesToItself() throws {
        var message = SampleMessage()
        message.number = -42
        message.name = "Nghị quyết số 18-NQ/TW về đổi mới hệ thống chính trị"
        message.values = [0, -1, 1, .min, .max]
        message.labels = ["đơn vị": "Chi bộ thôn Khe Hóp", "": ""]
        var child = SampleMessage()
        child.name = "con"
        message.children = [child, SampleMessage()]
        let decoded = try SampleMessage(wireEncoded: message.wireEncoded())
        #expect(decoded == message)
    }

    @Test func defaultsAreNotWritten() {
        #expect(SampleMessage().wireEncoded().isEmpty)
    }

    @Test func unknownFieldsAreKeptAndWrittenBack() throws {
        // Field 9 (varint 7) and field 10 (fixed32) are unknown to SampleMessage.
        let bytes: [UInt8] = [0x08, 0x01, 0x48, 0x07, 0x55, 1, 2, 3, 4]
        let decoded = try SampleMessage(wireEncoded: bytes)
        #expect(decoded.number == 1)
        #expect(decoded.unknownFields.bytes == [0x48, 0x07, 0x55, 1, 2, 3, 4])
        #expect(decoded.wireEncoded() == bytes)
    }

    @Test func unpackedRepeatedNumbersAreAccepted() throws {
        // Field 3 as two separate varints (zigzag 1 = -1, 4 = 2) instead of packed.
        let decoded = try SampleMessage(wireEncoded: [0x18, 0x01, 0x18, 0x04])
        #expect(decoded.values == [-1, 2])
    }

    @Test func aRepeatedMapKeyKeepsTheLastValue() throws {
        var first = SampleMessage()
        first.labels = ["k": "a"]
        var second = SampleMessage()
        second.labels = ["k": "b"]
        let decoded = try SampleMessage(wireEncoded: first.wireEncoded() + second.wireEncoded())
        #expect(decoded.labels == ["k": "b"])
    }

    @Test func aMapEntryWithoutValueTakesTheDefault() throws {
        // Field 4, entry of 3 bytes holding only key "k".
        let decoded = try SampleMessage(wireEncoded: [0x22, 0x03, 0x0A, 0x01, 0x6B])
        #expect(decoded.labels == ["k": ""])
    }

    @Test func stringsOfEveryShapeRoundTrip() throws {
        // Small (stored inline) and large (heap) strings, ASCII and not, and a U+FFFD
        // that was in the text all along.
        for name in ["", "a", "u-khehop-03", "01JH8Z6Q6S1V3K9X2M4N5P7R8T", "Tày", "Nguyễn Thị Hồng Nhung",
                     "\u{FFFD}", "Ủy ban 🇻🇳 \u{10FFFF}"] {
            var message = SampleMessage()
            message.name = name
            #expect(try SampleMessage(wireEncoded: message.wireEncoded()).name == name)
        }
    }

    @Test func repeatedElementsInterleavedWithOtherFieldsKeepTheirOrder() throws {
        // Children (field 5) "a", "b", "c" with field 1 and field 2 between them; each
        // child is a 3-byte message holding field 2.
        let bytes: [UInt8] = [0x2A, 0x03, 0x12, 0x01, 0x61, 0x08, 0x07,
                              0x2A, 0x03, 0x12, 0x01, 0x62, 0x12, 0x01, 0x78,
                              0x2A, 0x03, 0x12, 0x01, 0x63]
        let decoded = try SampleMessage(wireEncoded: bytes)
        #expect(decoded.children.map(\.name) == ["a", "b", "c"])
        #expect(decoded.number == 7)
        #expect(decoded.name == "x")
    }

    @Test func aSecondMessageAppendsToRepeatedElements() throws {
        var first = SampleMessage()
        first.children = [SampleMessage()]
        var second = SampleMessage()
        var child = SampleMessage()
        child.number = 2
        second.children = [child, child]
        let decoded = try SampleMessage(wireEncoded: first.wireEncoded() + second.wireEncoded())
        #expect(decoded.children == [SampleMessage(), child, child])
    }
}
