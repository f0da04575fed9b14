/// How one protobuf field type is sized, written and read.
///
/// Generated code names a codec per field (`WireInt32.self`, `WireString.self`, ...)
/// and the generic field helpers in `WireWriter+Fields`, `WireSize+Fields` and
/// `WireReader+Fields` do the rest; everything is `@inlinable` so that the compiler
/// specializes the helpers into straight-line code in the generated module, and the
/// helpers and codec functions are `@inline(__always)` because Swift 6.3 otherwise keeps
/// many of them as calls (a call per field, and no constant folding of tags and sizes).
public protocol WireFieldCodec {
    associatedtype Value: Hashable & Sendable
    /// The wire type of one value written on its own (not packed).
    static var wireType: WireType { get }
    /// The proto3 default, which a singular field does not write.
    static var defaultValue: Value { get }
    static func isDefault(_ value: Value) -> Bool
    /// Encoded size of the value without its tag (with its length prefix if any).
    static func size(of value: Value) -> Int
    /// Writes the value without its tag.
    static func write(_ value: Value, to writer: inout WireWriter)
    /// Reads one value whose tag has been read and whose wire type is `wireType`.
    static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> Value
}

/// Scalar types that a repeated field encodes packed: numbers, bools and enums.
public protocol WirePackableCodec: WireFieldCodec {}

/// Varint-encoded integer types differ only in how the value maps to a UInt64.
public protocol WireVarintCodec: WirePackableCodec {
    static func toVarint(_ value: Value) -> UInt64
    static func fromVarint(_ raw: UInt64) -> Value
}

extension WireVarintCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable @inline(__always) public static func size(of value: Value) -> Int { WireSize.varint(toVarint(value)) }
    @inlinable @inline(__always) public static func write(_ value: Value, to writer: inout WireWriter) {
        writer.writeVarint(toVarint(value))
    }
    @inlinable @inline(__always) public static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> Value {
        fromVarint(try reader.readVarint())
    }
}

extension WireVarintCodec where Value: BinaryInteger {
    @inlinable public static var defaultValue: Value { 0 }
    @inlinable @inline(__always) public static func isDefault(_ value: Value) -> Bool { value == 0 }
}

/// Fixed-width 4-byte types.
public protocol WireFixed32Codec: WirePackableCodec {
    static func toBits(_ value: Value) -> UInt32
    static func fromBits(_ bits: UInt32) -> Value
}

extension WireFixed32Codec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable @inline(__always) public static func size(of value: Value) -> Int { 4 }
    @inlinable @inline(__always) public static func isDefault(_ value: Value) -> Bool { toBits(value) == 0 }
    @inlinable public static var defaultValue: Value { fromBits(0) }
    @inlinable @inline(__always) public static func write(_ value: Value, to writer: inout WireWriter) {
        writer.writeFixed32(toBits(value))
    }
    @inlinable @inline(__always) public static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> Value {
        fromBits(try reader.readFixed32())
    }
}

/// Fixed-width 8-byte types.
public protocol WireFixed64Codec: WirePackableCodec {
    static func toBits(_ value: Value) -> UInt64
    static func fromBits(_ bits: UInt64) -> Value
}

extension WireFixed64Codec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable @inline(__always) public static func size(of value: Value) -> Int { 8 }
    @inlinable @inline(__always) public static func isDefault(_ value: Value) -> Bool { toBits(value) == 0 }
    @inlinable public static var defaultValue: Value { fromBits(0) }
    @inlinable @inline(__always) public static func write(_ value: Value, to writer: inout WireWriter) {
        writer.writeFixed64(toBits(value))
    }
    @inlinable @inline(__always) public static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> Value {
        fromBits(try reader.readFixed64())
    }
}
