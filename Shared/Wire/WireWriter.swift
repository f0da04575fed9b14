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

    // The writers that generated code runs once per field are `@inline(__always)`: left
    // to itself the optimizer keeps them as calls (Swift 6.3), and only once inlined does
    // a tag with a constant field number fold into a constant store. Only the multi-byte
    // varint loop stays out of line.
    @inlinable @inline(__always)
    public mutating func writeVarint(_ value: UInt64) {
        // Tags, lengths and small numbers take one byte.
        if value < 0x80 {
            assert(cursor < end, "encode pass wrote more than the size pass counted")
            cursor.pointee = UInt8(truncatingIfNeeded: value)
            cursor += 1
        } else {
            writeMultiByteVarint(value)
        }
    }

    @usableFromInline
    mutating func writeMultiByteVarint(_ value: UInt64) {
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

    @inlinable @inline(__always)
    public mutating func writeTag(fieldNumber: Int, wireType: WireType) {
        writeVarint(UInt64(fieldNumber) << 3 | UInt64(wireType.rawValue))
    }

    @inlinable @inline(__always)
    public mutating func writeFixed32(_ value: UInt32) {
        assert(end - cursor >= 4, "encode pass wrote more than the size pass counted")
        UnsafeMutableRawPointer(cursor).storeBytes(of: value.littleEndian, as: UInt32.self)
        cursor += 4
    }

    @inlinable @inline(__always)
    public mutating func writeFixed64(_ value: UInt64) {
        assert(end - cursor >= 8, "encode pass wrote more than the size pass counted")
        UnsafeMutableRawPointer(cursor).storeBytes(of: value.littleEndian, as: UInt64.self)
        cursor += 8
    }

    @inlinable @inline(__always)
    public mutating func writeRawBytes(_ bytes: UnsafeRawBufferPointer) {
        assert(end - cursor >= bytes.count, "encode pass wrote more than the size pass counted")
        if let base = bytes.baseAddress, bytes.count > 0 {
            UnsafeMutableRawPointer(cursor).copyMemory(from: base, byteCount: bytes.count)
            cursor += bytes.count
        }
    }

    /// A length prefix followed by the bytes.
    @inlinable @inline(__always)
    public mutating func writeLengthDelimited(_ bytes: UnsafeRawBufferPointer) {
        writeVarint(UInt64(bytes.count))
        writeRawBytes(bytes)
    }

    @inlinable @inline(__always)
    public mutating func writeString(_ value: String) {
        // The UTF-8 view of a native string lends its bytes without copying the string
        // (`withUTF8` would need a mutable copy, and so a retain and a release).
        let utf8 = value.utf8
        let written: Void? = utf8.withContiguousStorageIfAvailable { writeLengthDelimited(UnsafeRawBufferPointer($0)) }
        if written == nil {
            // A string bridged from Objective-C may not be contiguous UTF-8.
            writeVarint(UInt64(utf8.count))
            for byte in utf8 {
                assert(cursor < end, "encode pass wrote more than the size pass counted")
                cursor.pointee = byte
                cursor += 1
            }
        }
    }

    @inlinable
    public mutating func writeBytes(_ value: [UInt8]) {
        value.withUnsafeBytes { writeLengthDelimited($0) }
    }
}
