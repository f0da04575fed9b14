/// Why a byte sequence is not a valid encoding of the expected message.
///
/// Each kind of damage has its own case so that callers (and fuzz tests) can tell a
/// truncated frame from a hostile one.
public enum WireDecodingError: Error, Hashable, Sendable {
    /// The input ended inside a tag, a varint or a fixed-width value.
    case truncated
    /// A varint longer than 10 bytes, or one whose value overflows 64 bits.
    case malformedVarint
    /// A tag with wire type 6 or 7, or a group (proto3 has no groups).
    case invalidWireType(UInt8)
    /// A tag whose field number is 0 or above 2^29 - 1.
    case invalidFieldNumber(UInt64)
    /// A known field arrived with a wire type that its declared type cannot use.
    case wrongWireType(fieldNumber: Int, wireType: UInt8)
    /// A length-delimited value whose length runs past the end of its enclosing buffer.
    case lengthPastEnd(fieldNumber: Int, length: UInt64)
    /// Messages nested deeper than `WireReader.maxDepth`.
    case nestingTooDeep(limit: Int)
    /// A `string` field whose bytes are not valid UTF-8.
    case invalidUTF8(fieldNumber: Int)
}
