/// A proto3 enum. Values this code does not know are kept (`init(rawValue:)` never
/// fails; generated enums have an `unrecognized(Int32)` case) and written back as
/// they came, as the proto3 spec requires.
public protocol WireEnum: RawRepresentable, Hashable, Sendable where RawValue == Int32 {
    init(rawValue: Int32)
    /// The enum's first value, number 0, which proto3 makes the default.
    init()
}

/// The codec of any generated enum: a varint holding the (sign-extended) number.
public enum WireEnumCodec<E: WireEnum>: WireVarintCodec {
    public typealias Value = E
    @inlinable public static var defaultValue: E { E() }
    @inlinable @inline(__always) public static func isDefault(_ value: E) -> Bool { value.rawValue == 0 }
    @inlinable @inline(__always) public static func toVarint(_ value: E) -> UInt64 { UInt64(bitPattern: Int64(value.rawValue)) }
    @inlinable @inline(__always) public static func fromVarint(_ raw: UInt64) -> E { E(rawValue: Int32(truncatingIfNeeded: raw)) }
}
