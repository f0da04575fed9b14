import Testing
@testable import Wire

@Suite struct VarintTests {
    @Test func sizesMatchTheEncodingSpec() {
        #expect(WireSize.varint(UInt64(0)) == 1)
        #expect(WireSize.varint(UInt64(127)) == 1)
        #expect(WireSize.varint(UInt64(128)) == 2)
        #expect(WireSize.varint(UInt64(16_383)) == 2)
        #expect(WireSize.varint(UInt64(16_384)) == 3)
        #expect(WireSize.varint(UInt64.max) == 10)
    }

    @Test(arguments: [UInt64(0), 1, 127, 128, 300, 16_384, UInt64(UInt32.max), UInt64.max >> 1, UInt64.max])
    func varintsRoundTrip(_ value: UInt64) throws {
        var bytes = [UInt8](repeating: 0, count: WireSize.varint(value))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var writer = WireWriter(start: buffer.baseAddress!, count: buffer.count)
            writer.writeVarint(value)
            #expect(writer.remaining == 0)
        }
        let decoded = try bytes.withUnsafeBytes { raw in
            var reader = WireReader(raw)
            return try reader.readVarint()
        }
        #expect(decoded == value)
    }

    @Test func oneHundredFiftyIsTheSpecExample() {
        var message = SampleMessage()
        message.number = 150
        // The encoding guide's example: field 1 = 150 encodes as 08 96 01.
        #expect(message.wireEncoded() == [0x08, 0x96, 0x01])
    }

    @Test func negativeInt32TakesTenBytes() {
        var message = SampleMessage()
        message.number = -1
        #expect(message.wireEncoded() == [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func zigzagMapsSignedToUnsignedAsTheSpecSays() {
        #expect(WireSInt32.toVarint(0) == 0)
        #expect(WireSInt32.toVarint(-1) == 1)
        #expect(WireSInt32.toVarint(1) == 2)
        #expect(WireSInt32.toVarint(-2) == 3)
        #expect(WireSInt32.toVarint(Int32.max) == 4_294_967_294)
        #expect(WireSInt32.toVarint(Int32.min) == 4_294_967_295)
        #expect(WireSInt64.toVarint(Int64.min) == UInt64.max)
        for value: Int64 in [0, -1, 1, Int64.min, Int64.max, -123_456_789] {
            #expect(WireSInt64.fromVarint(WireSInt64.toVarint(value)) == value)
        }
        for value: Int32 in [0, -1, 1, Int32.min, Int32.max] {
            #expect(WireSInt32.fromVarint(WireSInt32.toVarint(value)) == value)
        }
    }
}
