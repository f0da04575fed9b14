// Whole-field writers (tag, then value) used by generated `encode(to:)` methods. Each
// writes exactly what its counterpart in WireSize+Fields counts.

extension WireWriter {
    @inlinable @inline(__always)
    public mutating func writeSingular<C: WireFieldCodec>(_ value: C.Value, fieldNumber: Int, _ codec: C.Type) {
        if C.isDefault(value) { return }
        writeTag(fieldNumber: fieldNumber, wireType: C.wireType)
        C.write(value, to: &self)
    }

    @inlinable @inline(__always)
    public mutating func writePresent<C: WireFieldCodec>(_ value: C.Value?, fieldNumber: Int, _ codec: C.Type) {
        guard let value else { return }
        writeTag(fieldNumber: fieldNumber, wireType: C.wireType)
        C.write(value, to: &self)
    }

    @inlinable @inline(__always)
    public mutating func writePacked<C: WirePackableCodec>(_ values: [C.Value], fieldNumber: Int, _ codec: C.Type) {
        if values.isEmpty { return }
        writeTag(fieldNumber: fieldNumber, wireType: .lengthDelimited)
        writeVarint(UInt64(WireSize.packedPayload(values, C.self)))
        for value in values { C.write(value, to: &self) }
    }

    @inlinable @inline(__always)
    public mutating func writeRepeated<C: WireFieldCodec>(_ values: [C.Value], fieldNumber: Int, _ codec: C.Type) {
        for value in values {
            writeTag(fieldNumber: fieldNumber, wireType: C.wireType)
            C.write(value, to: &self)
        }
    }

    @inlinable @inline(__always)
    public mutating func writeMap<K: WireFieldCodec, V: WireFieldCodec>(
        _ map: [K.Value: V.Value], fieldNumber: Int, _ keyCodec: K.Type, _ valueCodec: V.Type
    ) {
        for (key, value) in map {
            writeTag(fieldNumber: fieldNumber, wireType: .lengthDelimited)
            writeVarint(UInt64(WireSize.mapEntryPayload(key: key, value: value, K.self, V.self)))
            writeTag(fieldNumber: 1, wireType: K.wireType)
            K.write(key, to: &self)
            writeTag(fieldNumber: 2, wireType: V.wireType)
            V.write(value, to: &self)
        }
    }
}
