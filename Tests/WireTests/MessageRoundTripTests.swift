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
}
