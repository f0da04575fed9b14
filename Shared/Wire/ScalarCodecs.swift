// The codecs of the fifteen proto3 scalar types. Conversions follow the encoding spec:
// int32 is sign-extended to 64 bits, sint uses zigzag, fixed types are little-endian,
// and a float's default test is on its bit pattern so that -0.0 is written.

public enum WireInt32: WireVarintCodec {
    public typealias Value = Int32
    @inlinable @inline(__always) public static func toVarint(_ value: Int32) -> UInt64 { UInt64(bitPattern: Int64(value)) }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> Int32 { Int32(truncatingIfNeeded: raw) }
}

public enum WireInt64: WireVarintCodec {
    public typealias Value = Int64
    @inlinable @inline(__always) public static func toVarint(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> Int64 { Int64(bitPattern: raw) }
}

public enum WireUInt32: WireVarintCodec {
    public typealias Value = UInt32
    @inlinable @inline(__always) public static func toVarint(_ value: UInt32) -> UInt64 { UInt64(value) }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: raw) }
}

public enum WireUInt64: WireVarintCodec {
    public typealias Value = UInt64
    @inlinable @inline(__always) public static func toVarint(_ value: UInt64) -> UInt64 { value }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> UInt64 { raw }
}

public enum WireSInt32: WireVarintCodec {
    public typealias Value = Int32
    @inlinable @inline(__always) public static func toVarint(_ value: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31)))
    }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> Int32 {
        let bits = UInt32(truncatingIfNeeded: raw)
        return Int32(bitPattern: (bits >> 1) ^ (0 &- (bits & 1)))
    }
}

public enum WireSInt64: WireVarintCodec {
    public typealias Value = Int64
    @inlinable @inline(__always) public static func toVarint(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> Int64 {
        Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}

public enum WireBool: WireVarintCodec {
    public typealias Value = Bool
    @inlinable public static var defaultValue: Bool { false }
    @inlinable @inline(__always) public static func isDefault(_ value: Bool) -> Bool { !value }
    @inlinable @inline(__always) public static func toVarint(_ value: Bool) -> UInt64 { value ? 1 : 0 }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> Bool { raw != 0 }
}

public enum WireFixed32: WireFixed32Codec {
    public typealias Value = UInt32
    @inlinable @inline(__always) public static func toBits(_ value: UInt32) -> UInt32 { value }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt32) -> UInt32 { bits }
}

public enum WireSFixed32: WireFixed32Codec {
    public typealias Value = Int32
    @inlinable @inline(__always) public static func toBits(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt32) -> Int32 { Int32(bitPattern: bits) }
}

public enum WireFloat: WireFixed32Codec {
    public typealias Value = Float
    @inlinable @inline(__always) public static func toBits(_ value: Float) -> UInt32 { value.bitPattern }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt32) -> Float { Float(bitPattern: bits) }
}

public enum WireFixed64: WireFixed64Codec {
    public typealias Value = UInt64
    @inlinable @inline(__always) public static func toBits(_ value: UInt64) -> UInt64 { value }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt64) -> UInt64 { bits }
}

public enum WireSFixed64: WireFixed64Codec {
    public typealias Value = Int64
    @inlinable @inline(__always) public static func toBits(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt64) -> Int64 { Int64(bitPattern: bits) }
}

public enum WireDouble: WireFixed64Codec {
    public typealias Value = Double
    @inlinable @inline(__always) public static func toBits(_ value: Double) -> UInt64 { value.bitPattern }
    @inlinable @inline(__always) public static func fromBits(_ bits: UInt64) -> Double { Double(bitPattern: bits) }
}

public enum WireString: WireFieldCodec {
    public typealias Value = String
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: String { "" }
    @inlinable @inline(__always) public static func isDefault(_ value: String) -> Bool { value.isEmpty }
    @inlinable @inline(__always) public static func size(of value: String) -> Int { WireSize.lengthDelimited(value.utf8.count) }
    @inlinable @inline(__always) public static func write(_ value: String, to writer: inout WireWriter) { writer.writeString(value) }
    @inlinable @inline(__always) public static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> String {
        let bytes = try reader.readLengthDelimited(fieldNumber: fieldNumber)
        guard let value = WireUTF8.string(validating: bytes) else { throw .invalidUTF8(fieldNumber: fieldNumber) }
        return value
    }
}

public enum WireBytes: WireFieldCodec {
    public typealias Value = [UInt8]
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: [UInt8] { [] }
    @inlinable @inline(__always) public static func isDefault(_ value: [UInt8]) -> Bool { value.isEmpty }
    @inlinable @inline(__always) public static func size(of value: [UInt8]) -> Int { WireSize.lengthDelimited(value.count) }
    @inlinable @inline(__always) public static func write(_ value: [UInt8], to writer: inout WireWriter) { writer.writeBytes(value) }
    @inlinable @inline(__always) public static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> [UInt8] {
        [UInt8](try reader.readLengthDelimited(fieldNumber: fieldNumber))
    }
}
