/// Reads protobuf-encoded bytes, checking every length against the bytes that are left.
///
/// A reader never reads outside the buffer it was created over, whatever the input:
/// every varint, fixed value and length is checked before it is used, and nested
/// messages get a reader over exactly their own bytes, one level deeper.
public struct WireReader {
    /// Messages nested deeper than this are refused, so hostile input cannot exhaust
    /// the stack (swift-protobuf and the C++ runtime use the same default).
    public static let maxDepth = 100

    // Safety: `cursor ..< end` lies inside a buffer that the decoding entry point keeps
    // alive (inside `withUnsafeBytes`) for the whole lifetime of this reader; every
    // advance is bounds-checked against `end` first.
    @usableFromInline var cursor: UnsafeRawPointer
    @usableFromInline let end: UnsafeRawPointer
    /// How many messages enclose the one being read; 0 for the outermost.
    public let depth: Int
    /// The tag most recently read, so errors and unknown-field copies can use it.
    @usableFromInline var lastTagStart: UnsafeRawPointer

    @inlinable
    public init(_ bytes: UnsafeRawBufferPointer, depth: Int = 0) {
        // An empty buffer may have no base address; any non-null pointer works because
        // nothing is ever read from a zero-length range.
        let start = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        cursor = start
        end = start + bytes.count
        self.depth = depth
        lastTagStart = start
    }

    @inlinable
    public var isAtEnd: Bool { cursor == end }

    @inlinable
    public var bytesLeft: Int { end - cursor }

    // The readers that generated code runs once per field are `@inline(__always)`: left
    // to itself the optimizer keeps them as calls (Swift 6.3). Only the multi-byte varint
    // loop stays out of line.

    /// The next field's tag, or nil at the end of the message.
    @inlinable @inline(__always)
    public mutating func nextTag() throws(WireDecodingError) -> WireTag? {
        if cursor == end { return nil }
        lastTagStart = cursor
        let raw = try readVarint()
        let fieldNumber = raw >> 3
        guard fieldNumber > 0, fieldNumber <= UInt64(WireTag.maxFieldNumber) else {
            throw .invalidFieldNumber(fieldNumber)
        }
        let typeBits = UInt8(truncatingIfNeeded: raw & 7)
        guard let wireType = WireType(rawValue: typeBits),
              wireType != .startGroup, wireType != .endGroup else {
            throw .invalidWireType(typeBits)
        }
        return WireTag(fieldNumber: Int(truncatingIfNeeded: fieldNumber), wireType: wireType)
    }

    @inlinable @inline(__always)
    public mutating func readVarint() throws(WireDecodingError) -> UInt64 {
        // Fast path: one-byte varints (small numbers, most tags and lengths).
        if cursor < end {
            let first = cursor.load(as: UInt8.self)
            if first < 0x80 {
                cursor += 1
                return UInt64(first)
            }
        }
        return try readMultiByteVarint()
    }

    @usableFromInline
    mutating func readMultiByteVarint() throws(WireDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard cursor < end else { throw .truncated }
            let byte = cursor.load(as: UInt8.self)
            cursor += 1
            if shift == 63 {
                // The tenth byte may only carry the top bit of a 64-bit value.
                guard byte <= 1 else { throw .malformedVarint }
                return result | UInt64(byte) << 63
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    @inlinable @inline(__always)
    public mutating func readFixed32() throws(WireDecodingError) -> UInt32 {
        guard end - cursor >= 4 else { throw .truncated }
        let value = cursor.loadUnaligned(as: UInt32.self)
        cursor += 4
        return UInt32(littleEndian: value)
    }

    @inlinable @inline(__always)
    public mutating func readFixed64() throws(WireDecodingError) -> UInt64 {
        guard end - cursor >= 8 else { throw .truncated }
        let value = cursor.loadUnaligned(as: UInt64.self)
        cursor += 8
        return UInt64(littleEndian: value)
    }

    /// The bytes of a length-delimited value for `fieldNumber`; valid only while the
    /// buffer this reader reads from is alive.
    @inlinable @inline(__always)
    public mutating func readLengthDelimited(fieldNumber: Int) throws(WireDecodingError) -> UnsafeRawBufferPointer {
        let length = try readVarint()
        guard length <= UInt64(end - cursor) else {
            throw .lengthPastEnd(fieldNumber: fieldNumber, length: length)
        }
        let bytes = UnsafeRawBufferPointer(start: cursor, count: Int(length))
        cursor += Int(length)
        return bytes
    }

    /// A reader over a nested message's bytes, one level deeper.
    @inlinable @inline(__always)
    public mutating func nestedReader(fieldNumber: Int) throws(WireDecodingError) -> WireReader {
        guard depth + 1 < WireReader.maxDepth else { throw .nestingTooDeep(limit: WireReader.maxDepth) }
        let bytes = try readLengthDelimited(fieldNumber: fieldNumber)
        return WireReader(bytes, depth: depth + 1)
    }

    /// How many fields numbered like `tag` this message holds from `tag` (just read) to
    /// its end, so that a repeated field's array is allocated once at its final size
    /// instead of growing 1, 2, 4, … (libprotobuf-c counts the same way). The scan stops
    /// at the first malformed field; decoding reports it when it gets there.
    @usableFromInline
    func countFields(like tag: WireTag) -> Int {
        var scan = self
        scan.cursor = lastTagStart
        var count = 0
        while let next = try? scan.nextTag() {
            if next.fieldNumber == tag.fieldNumber { count += 1 }
            if (try? scan.skipField(next)) == nil { break }
        }
        return count
    }

    /// Skips the value of `tag` and returns the whole field (tag and value) as raw
    /// bytes, so that unknown fields can be kept and written back unchanged.
    @inlinable
    public mutating func skipField(_ tag: WireTag) throws(WireDecodingError) -> UnsafeRawBufferPointer {
        switch tag.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .fixed32: _ = try readFixed32()
        case .lengthDelimited: _ = try readLengthDelimited(fieldNumber: tag.fieldNumber)
        case .startGroup, .endGroup: throw .invalidWireType(tag.wireType.rawValue)
        }
        return UnsafeRawBufferPointer(start: lastTagStart, count: cursor - lastTagStart)
    }
}
