import Testing
import TestProtos

/// Hand-picked values at the edges of every field kind, checked both ways against
/// libprotobuf-c (see `expectBothWaysAgree`).
@Suite struct EdgeValueTests {
    @Test(arguments: [
        Int64(0), 1, -1, 127, 128, 300, 16_384, Int64(Int32.min), Int64(Int32.max), Int64(UInt32.max),
        Int64(UInt32.max) + 1, .min, .max,
    ])
    func everyIntegerFieldAtAnEdgeValue(_ value: Int64) throws {
        // Each field keeps the low bits its type holds, so one value reaches the minimum
        // and maximum of several types (-1 is UInt32.max and UInt64.max, too).
        let int32 = Int32(truncatingIfNeeded: value)
        let uint32 = UInt32(truncatingIfNeeded: value)
        let uint64 = UInt64(bitPattern: value)
        var message = AllTypes()
        message.fInt32 = int32
        message.fInt64 = value
        message.fUint32 = uint32
        message.fUint64 = uint64
        message.fSint32 = int32
        message.fSint64 = value
        message.fFixed32 = uint32
        message.fFixed64 = uint64
        message.fSfixed32 = int32
        message.fSfixed64 = value
        message.rInt32 = [int32, 0, int32]
        message.rInt64 = [value, 0]
        message.rUint32 = [uint32]
        message.rUint64 = [uint64]
        message.rSint32 = [int32, -1, 1]
        message.rSint64 = [value]
        message.rFixed32 = [uint32]
        message.rFixed64 = [uint64]
        message.rSfixed32 = [int32]
        message.rSfixed64 = [value]
        message.rUnpackedInt32 = [int32, 0]
        message.mInt64String = [value: "giá trị"]
        message.mUint32Bytes = [uint32: [1, 2, 3]]
        message.mSint64Color = [value: .red]
        message.mStringInt32 = ["khóa": int32]
        message.oInt32 = int32
        message.choice = .cInt64(value)
        try expectBothWaysAgree(message)
    }

    @Test(arguments: [
        (UInt32(0x7FC0_0000), UInt64(0x7FF8_0000_0000_0000)),  // quiet NaN
        (0xFFC0_0001, 0xFFF8_0000_0000_0001),                  // negative NaN with a payload
        (0x7FA0_0001, 0x7FF4_0000_0000_0001),                  // signalling NaN
        (0x7F80_0000, 0x7FF0_0000_0000_0000),                  // +infinity
        (0xFF80_0000, 0xFFF0_0000_0000_0000),                  // -infinity
        (0x0000_0001, 0x0000_0000_0000_0001),                  // smallest subnormal
        (0x7F7F_FFFF, 0x7FEF_FFFF_FFFF_FFFF),                  // greatest finite
        (0x3DCC_CCCD, 0x3FB9_9999_9999_999A),                  // 0.1
    ])
    func floatingPointBitsSurvive(_ floatBits: UInt32, _ doubleBits: UInt64) throws {
        let float = Float(bitPattern: floatBits)
        let double = Double(bitPattern: doubleBits)
        var message = AllTypes()
        message.fFloat = float
        message.fDouble = double
        message.rFloat = [float, 0, float]
        message.rDouble = [double, -0.0]
        message.mBoolDouble = [true: double, false: 0]
        message.oDouble = double
        try expectBothWaysAgree(message)
    }

    @Test func negativeZeroIsWrittenAndReadInEveryFloatingPointField() throws {
        var message = AllTypes()
        message.fFloat = -0.0
        message.fDouble = -0.0
        message.rFloat = [-0.0]
        message.rDouble = [-0.0]
        message.mBoolDouble = [true: -0.0]
        message.oDouble = -0.0
        #expect(message.canonicalText().contains("11=f80000000;"))
        // protobuf-c reads our -0.0 everywhere, but writes no plain or map-value -0.0.
        try expectBothWaysAgree(message, survivesProtobufC: false)
    }

    @Test(arguments: StringSample.all)
    func stringsInEveryPosition(_ sample: StringSample) throws {
        let string = sample.string
        var message = AllTypes()
        message.fString = string
        message.rString = [string, "", string]
        message.mStringInt32 = [string: 1]
        message.mInt64String = [1: string]
        message.mStringNested = [string: Nested()]
        message.oString = string
        var nested = Nested()
        nested.note = string
        message.fNested = nested
        message.choice = .cString(string)
        try expectBothWaysAgree(message)
    }

    @Test func bytesWithAllTwoHundredFiftySixValues() throws {
        let all = (0...255).map { UInt8($0) }
        var message = AllTypes()
        message.fBytes = all
        message.rBytes = [all, [], all.reversed()]
        message.mUint32Bytes = [0: all, 1: []]
        try expectBothWaysAgree(message)
    }

    @Test func anEmptyMessageIsEmptyOnBothSides() throws {
        #expect(AllTypes().wireEncoded().isEmpty)
        #expect(ProtobufC.canonicalText(unpacking: [], as: .allTypes) == "{}")
        try expectBothWaysAgree(AllTypes())
    }

    @Test func largeMapsOfAThousandEntries() throws {
        var message = AllTypes()
        for index in 0..<1000 {
            let value = Int32(index) * 7919 - 3_000_000
            message.mStringInt32["khóa \(index)"] = value
            message.mInt64String[Int64(value) << 20] = "giá trị \(index)"
            var nested = Nested()
            nested.id = value
            message.mStringNested["\(index)"] = nested
            message.mUint32Bytes[UInt32(index) * 65_537] = [UInt8(index & 255)]
            message.mSint64Color[-Int64(index)] = Color(rawValue: Int32(index % 5) - 1)
        }
        message.mBoolDouble = [false: 1.5, true: -2.25]
        try expectBothWaysAgree(message)
    }

    @Test(arguments: [
        AllTypes.Choice.cString(""), .cString("Hà Nội"), .cNested(Nested()), .cNested(noteNested),
        .cInt64(0), .cInt64(-1), .cInt64(.max),
    ])
    func everyOneofCaseIncludingDefaults(_ choice: AllTypes.Choice) throws {
        var message = AllTypes()
        message.choice = choice
        #expect(!message.wireEncoded().isEmpty, "a set oneof member is written even when default")
        try expectBothWaysAgree(message)
    }

    @Test func optionalFieldsSetToTheirDefaultsArePresentOnBothSides() throws {
        var message = AllTypes()
        message.oInt32 = 0
        message.oString = ""
        message.oEnum = .unspecified
        message.oBool = false
        message.oDouble = 0
        message.oNested = Nested()
        message.fNested = Nested()
        #expect(message.canonicalText() == "{17={};51=0;52=s;53=0;54=false;55=d0000000000000000;56={};}")
        try expectBothWaysAgree(message)
    }

    @Test func unsetOptionalFieldsAreAbsentOnBothSides() throws {
        var message = AllTypes()
        message.fInt32 = 5
        #expect(message.canonicalText() == "{1=5;}")
        try expectBothWaysAgree(message)
    }

    @Test(arguments: [Color.unspecified, .red, .green, .negative, .unrecognized(3), .unrecognized(12_345),
                      .unrecognized(.min), .unrecognized(.max)])
    func enumValuesKnownAndUnknown(_ color: Color) throws {
        var message = AllTypes()
        message.fEnum = color
        message.rEnum = [color, .red, color]
        message.mSint64Color = [-1: color]
        message.oEnum = color
        try expectBothWaysAgree(message)
    }

    @Test func protobufCWritesUnpackedInt32sOneTagEachAndWeReadThem() throws {
        var message = AllTypes()
        message.rUnpackedInt32 = [1, -1, 300]
        let theirBytes = try #require(ProtobufC.repack(message.wireEncoded(), as: .allTypes))
        // Field 38, wire type 0 (tag b0 02) before every element.
        let expected: [UInt8] = [0xB0, 0x02, 0x01]
            + [0xB0, 0x02] + [UInt8](repeating: 0xFF, count: 9) + [0x01]
            + [0xB0, 0x02, 0xAC, 0x02]
        #expect(theirBytes == expected)
        #expect(try AllTypes(wireEncoded: theirBytes).rUnpackedInt32 == [1, -1, 300])
    }

    @Test func weReadAPackedUnpackedFieldAndProtobufCDoesToo() throws {
        // A writer may pack a field declared [packed = false]; readers accept both.
        let packed: [UInt8] = [0xB2, 0x02, 0x03, 0x07, 0xAC, 0x02]
        #expect(try AllTypes(wireEncoded: packed).rUnpackedInt32 == [7, 300])
        #expect(ProtobufC.canonicalText(unpacking: packed, as: .allTypes) == "{38=[7,300];}")
    }
}

private let noteNested: Nested = {
    var nested = Nested()
    nested.id = -7
    nested.note = "ghi chú"
    return nested
}()

/// A test string with a short name, so that test logs do not print 17 kB of text.
struct StringSample: Sendable, CustomTestStringConvertible {
    let name: String
    let string: String
    var testDescription: String { name }

    static let all = [
        StringSample(name: "empty", string: ""),
        StringSample(name: "one letter", string: "a"),
        StringSample(name: "a Vietnamese name", string: "Nguyễn Thị Hồng Nhung"),
        StringSample(name: "17 kB of Vietnamese",
                     string: String(repeating: "Xã Khe Hóp, huyện Văn Yên, tỉnh Yên Bái. ", count: 400)),
        StringSample(name: "combining diacritics",
                     string: "Tiếng Việt có dấu tổ hợp: Tie\u{302}\u{301}ng Vie\u{323}\u{302}t"),
        StringSample(name: "outside the BMP", string: "😀 🇻🇳 𝄞"),
    ]
}
