/// Writes protobuf-encoded bytes into a buffer that was sized exactly beforehand.
///
/// The writer never grows its buffer: `WireMessage.wireEncoded()` runs the size pass
/// (`wireSize()`), allocates once, then runs the encode pass into that memory.
public struct WireWriter {
    // Safety: `cursor` points into a buffer of exactly the message's `wireSize()` bytes,
    // owned by the encoding entry point for the whole encode pass; generated code writes
    // exactly the bytes it counted in the size pass, so the cursor never passes `end`
    // (checked in debug builds).
    @usableFromInline var cursor: UnsafeMutablePointer<UInt8>
    @usableFromInline let end: UnsafeMutablePointer<UInt8>

    @inlinable
    public init(start: UnsafeMutablePointer<UInt8>, count: Int) {
        cursor = start
        end = start + count
    }

    /// Bytes still to be written; zero once the encode pass matched its size pass.
    @inlinable
    public var remaining: Int { end - cursor }

    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            assert(cursor < end, "encode pass wrote more than the size pass counted")
            cursor.pointee = UInt8(truncatingIfNeeded: v) | 0x80
            cursor += 1
            v >>= 7
        }
        assert(cursor < end, "encode pass wrote more than the size pass counted")
        cursor.pointee = UInt8(truncatingIfNeeded: v)
        cursor += 1
    }

    @inlinable
    public mutating func writeTag(fieldNumber: Int, wireType: WireType) {
        writeVarint(UInt64(fieldNumber) << 3 | UInt64(wireType.rawValue))
    }

    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        assert(end - cursor >= 4, "encode pass wrote more than the size pass counted")
        UnsafeMutableRawPointer(cursor).storeBytes(of: value.littleEndian, as: UInt32.self)
        cursor += 4
    }

    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        assert(end - cursor >= 8, "encode pass wrote more than the size pass counted")
        UnsafeMutableRawPointer(cursor).storeBytes(of: value.littleEndian, as: UInt64.self)
        cursor += 8
    }

    @inlinable
    public mutating func writeRawBytes(_ bytes: UnsafeRawBufferPointer) {
        assert(end - cursor >= bytes.count, "encode pass wrote more than the size pass counted")
        if let base = bytes.baseAddress, bytes.count > 0 {
            UnsafeMutableRawPointer(cursor).copyMemory(from: base, byteCount: bytes.count)
            cursor += bytes.count
        }
    }

    /// A length prefix followed by the bytes.
    @inlinable
    public mutating func writeLengthDelimited(_ bytes: UnsafeRawBufferPointer) {
        writeVarint(UInt64(bytes.count))
        writeRawBytes(bytes)
    }

    @inlinable
    public mutating func writeString(_ value: String) {
        var value = value
        // `withUTF8` is mutating only because it may make a bridged string contiguous;
        // native Swift strings are already contiguous, so this copy is free.
        value.withUTF8 { writeLengthDelimited(UnsafeRawBufferPointer($0)) }
    }

    @inlinable
    public mutating func writeBytes(_ value: [UInt8]) {
        value.withUnsafeBytes { writeLengthDelimited($0) }
    }
}
