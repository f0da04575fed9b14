/// The codec of a message used as a field: a length-delimited nested encoding.
///
/// Its `read` goes one level deeper, so the depth limit holds however the message is
/// reached (a map value, a repeated element or a oneof member).
public enum WireMessageCodec<M: WireMessage>: WireFieldCodec {
    public typealias Value = M
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: M { M() }
    /// Messages have presence, so a set message is always written, even if empty.
    @inlinable @inline(__always) public static func isDefault(_ value: M) -> Bool { false }
    @inlinable @inline(__always) public static func size(of value: M) -> Int { WireSize.lengthDelimited(value.wireSize()) }
    @inlinable @inline(__always) public static func write(_ value: M, to writer: inout WireWriter) {
        writer.writeVarint(UInt64(value.wireSize()))
        value.encode(to: &writer)
    }
    @inlinable @inline(__always) public static func read(from reader: inout WireReader, fieldNumber: Int) throws(WireDecodingError) -> M {
        var nested = try reader.nestedReader(fieldNumber: fieldNumber)
        var message = M()
        try message.decodeMessage(from: &nested)
        return message
    }
}
