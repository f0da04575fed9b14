import Testing
import TestProtos

/// "This message encodes to these bytes, and back": bytes worked out by hand from the
/// protobuf encoding spec, which our codec must write and read, and which libprotobuf-c
/// must read as the same message and write identically.
@Suite struct GoldenBytesTests {
    @Test func aNewsItemSummary() throws {
        var message = NewsItemSummary()
        message.id = "n-1"
        message.title = "Tin mới"
        message.unitID = "u7"
        message.publishedAtMS = 1_700_000_000_000
        message.readCount = 300
        message.pinned = true
        let bytes: [UInt8] = [
            0x0A, 0x03, 0x6E, 0x2D, 0x31,                                      // 1: "n-1"
            0x12, 0x09, 0x54, 0x69, 0x6E, 0x20, 0x6D, 0xE1, 0xBB, 0x9B, 0x69,  // 2: "Tin mới" (ớ = E1 BB 9B)
            0x1A, 0x02, 0x75, 0x37,                                            // 3: "u7"
            0x20, 0x80, 0xD0, 0x95, 0xFF, 0xBC, 0x31,                          // 4: 1,700,000,000,000
            0x28, 0xAC, 0x02,                                                  // 5: 300
            0x30, 0x01,                                                        // 6: true
        ]
        #expect(message.wireEncoded() == bytes)
        #expect(try NewsItemSummary(wireEncoded: bytes) == message)
        let text = "{1=s6e2d31;2=s54696e206de1bb9b69;3=s7537;4=1700000000000;5=300;6=true;}"
        #expect(message.canonicalText() == text)
        #expect(ProtobufC.canonicalText(unpacking: bytes, as: .newsItemSummary) == text)
        #expect(ProtobufC.repack(bytes, as: .newsItemSummary) == bytes)
    }

    @Test func allTypesWithSignedVarintsPackedNumbersAMapAnOptionalZeroAndAOneof() throws {
        var message = AllTypes()
        message.fInt32 = -2
        message.fSint64 = -3
        message.rSint32 = [0, -1, 1, -64]
        message.mStringInt32 = ["a": 1]
        message.oInt32 = 0
        message.choice = .cString("Huế")
        let bytes: [UInt8] = [
            // 1 (varint): -2 sign-extended to 64 bits takes ten bytes.
            0x08, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
            // 6 (varint): zigzag(-3) = 5.
            0x30, 0x05,
            // 25 (length-delimited, packed): zigzag 0, 1, 2, 127.
            0xCA, 0x01, 0x04, 0x00, 0x01, 0x02, 0x7F,
            // 41 (map entry): key 1 = "a", value 2 = 1.
            0xCA, 0x02, 0x05, 0x0A, 0x01, 0x61, 0x10, 0x01,
            // 51 (varint): an optional set to 0 is written.
            0x98, 0x03, 0x00,
            // 61 (length-delimited): "Huế" (ế = E1 BA BF).
            0xEA, 0x03, 0x05, 0x48, 0x75, 0xE1, 0xBA, 0xBF,
        ]
        #expect(message.wireEncoded() == bytes)
        #expect(try AllTypes(wireEncoded: bytes) == message)
        let text = "{1=-2;6=-3;25=[0,-1,1,-64];41=<s61:1>;51=0;61=s4875e1babf;}"
        #expect(message.canonicalText() == text)
        #expect(ProtobufC.canonicalText(unpacking: bytes, as: .allTypes) == text)
        #expect(ProtobufC.repack(bytes, as: .allTypes) == bytes)
    }

    @Test func allTypesWithADoubleANegativeEnumANestedMessageAndUnpackedNumbers() throws {
        var message = AllTypes()
        message.fDouble = 1
        message.fEnum = .negative
        var nested = Nested()
        nested.id = 1
        message.fNested = nested
        message.rUnpackedInt32 = [1, 2]
        let bytes: [UInt8] = [
            // 12 (fixed64): 1.0 is 0x3FF0000000000000, little-endian.
            0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
            // 16 (varint): enum -1 is sign-extended like an int32.
            0x80, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
            // 17 (length-delimited): Nested { 1: 1 }.
            0x8A, 0x01, 0x02, 0x08, 0x01,
            // 38 ([packed = false]): one tag per element.
            0xB0, 0x02, 0x01, 0xB0, 0x02, 0x02,
        ]
        #expect(message.wireEncoded() == bytes)
        #expect(try AllTypes(wireEncoded: bytes) == message)
        let text = "{12=d3ff0000000000000;16=-1;17={1=1;};38=[1,2];}"
        #expect(message.canonicalText() == text)
        #expect(ProtobufC.canonicalText(unpacking: bytes, as: .allTypes) == text)
        #expect(ProtobufC.repack(bytes, as: .allTypes) == bytes)
    }
}
