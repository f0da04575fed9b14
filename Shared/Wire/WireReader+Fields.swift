// Whole-field readers used by generated `decodeMessage(from:)` methods: each checks the
// tag's wire type against the field's declared type before reading the value.

extension WireReader {
    @inlinable @inline(__always)
    func expect(_ wireType: WireType, for tag: WireTag) throws(WireDecodingError) {
        guard tag.wireType == wireType else {
            throw .wrongWireType(fieldNumber: tag.fieldNumber, wireType: tag.wireType.rawValue)
        }
    }

    /// One value of a singular or optional field.
    @inlinable @inline(__always)
    public mutating func read<C: WireFieldCodec>(_ codec: C.Type, tag: WireTag) throws(WireDecodingError) -> C.Value {
        try expect(C.wireType, for: tag)
        return try C.read(from: &self, fieldNumber: tag.fieldNumber)
    }

    /// A repeated scalar field, accepting both packed and unpacked encodings.
    @inlinable @inline(__always)
    public mutating func readRepeated<C: WirePackableCodec>(
        _ codec: C.Type, tag: WireTag, into values: inout [C.Value]
    ) throws(WireDecodingError) {
        if tag.wireType == .lengthDelimited {
            var packed = WireReader(try readLengthDelimited(fieldNumber: tag.fieldNumber), depth: depth)
            while !packed.isAtEnd {
                values.append(try C.read(from: &packed, fieldNumber: tag.fieldNumber))
            }
        } else {
            try expect(C.wireType, for: tag)
            values.append(try C.read(from: &self, fieldNumber: tag.fieldNumber))
        }
    }

    /// One element of a repeated string, bytes or message field.
    @inlinable @inline(__always)
    public mutating func readRepeatedElement<C: WireFieldCodec>(
        _ codec: C.Type, tag: WireTag, into values: inout [C.Value]
    ) throws(WireDecodingError) {
        try expect(C.wireType, for: tag)
        if values.isEmpty { values.reserveCapacity(countFields(like: tag)) }
        values.append(try C.read(from: &self, fieldNumber: tag.fieldNumber))
    }

    /// A singular message field; a second occurrence merges into the first, as the
    /// protobuf spec requires.
    @inlinable @inline(__always)
    public mutating func mergeMessage<M: WireMessage>(tag: WireTag, into message: inout M?) throws(WireDecodingError) {
        try expect(.lengthDelimited, for: tag)
        var nested = try nestedReader(fieldNumber: tag.fieldNumber)
        var value = message ?? M()
        try value.decodeMessage(from: &nested)
        message = value
    }

    /// One entry of a map field. A missing key or value takes its type's default; a
    /// repeated key replaces the earlier value (the last one wins).
    @inlinable @inline(__always)
    public mutating func readMapEntry<K: WireFieldCodec, V: WireFieldCodec>(
        _ keyCodec: K.Type, _ valueCodec: V.Type, tag: WireTag, into map: inout [K.Value: V.Value]
    ) throws(WireDecodingError) {
        try expect(.lengthDelimited, for: tag)
        var entry = try nestedReader(fieldNumber: tag.fieldNumber)
        var key = K.defaultValue
        var value = V.defaultValue
        while let entryTag = try entry.nextTag() {
            switch entryTag.fieldNumber {
            case 1: key = try entry.read(K.self, tag: entryTag)
            case 2: value = try entry.read(V.self, tag: entryTag)
            default: _ = try entry.skipField(entryTag)
            }
        }
        map[key] = value
    }

    /// Keeps a field this message does not declare.
    @inlinable @inline(__always)
    public mutating func keepUnknown(tag: WireTag, in unknownFields: inout UnknownFields) throws(WireDecodingError) {
        unknownFields.append(try skipField(tag))
    }
}
