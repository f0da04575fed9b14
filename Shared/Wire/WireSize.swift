/// Encoded sizes, used by the size pass that runs before every encode so that the
/// output is allocated once at its exact length.
public enum WireSize {
    @inlinable @inline(__always)
    public static func varint(_ value: UInt64) -> Int {
        // Each byte carries 7 bits; `| 1` makes zero take one byte.
        (64 - (value | 1).leadingZeroBitCount + 6) / 7
    }

    @inlinable @inline(__always)
    public static func varint(_ value: UInt32) -> Int {
        varint(UInt64(value))
    }

    /// Size of a tag for `fieldNumber` (the wire type does not change the size).
    @inlinable @inline(__always)
    public static func tag(_ fieldNumber: Int) -> Int {
        varint(UInt64(fieldNumber) << 3)
    }

    /// Size of a length prefix plus the `length` bytes it announces.
    @inlinable @inline(__always)
    public static func lengthDelimited(_ length: Int) -> Int {
        varint(UInt64(length)) + length
    }
}
