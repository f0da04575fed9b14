// Sizes of whole fields (tag included), mirroring the writers in WireWriter+Fields.

extension WireSize {
    /// A proto3 singular field: nothing when it holds its default.
    @inlinable @inline(__always)
    public static func singular<C: WireFieldCodec>(_ value: C.Value, fieldNumber: Int, _ codec: C.Type) -> Int {
        C.isDefault(value) ? 0 : tag(fieldNumber) + C.size(of: value)
    }

    /// A field with explicit presence (`optional`, messages, oneof members): written
    /// whenever it is set, even to its default.
    @inlinable @inline(__always)
    public static func present<C: WireFieldCodec>(_ value: C.Value?, fieldNumber: Int, _ codec: C.Type) -> Int {
        guard let value else { return 0 }
        return tag(fieldNumber) + C.size(of: value)
    }

    /// Size of the payload of a packed repeated field (without tag and length).
    @inlinable @inline(__always)
    public static func packedPayload<C: WirePackableCodec>(_ values: [C.Value], _ codec: C.Type) -> Int {
        switch C.wireType {
        case .fixed32: return values.count * 4
        case .fixed64: return values.count * 8
        default:
            var total = 0
            for value in values { total += C.size(of: value) }
            return total
        }
    }

    /// A packed repeated scalar field: one tag, a length, the values back to back.
    @inlinable @inline(__always)
    public static func packed<C: WirePackableCodec>(_ values: [C.Value], fieldNumber: Int, _ codec: C.Type) -> Int {
        if values.isEmpty { return 0 }
        return tag(fieldNumber) + lengthDelimited(packedPayload(values, C.self))
    }

    /// A repeated field written one tagged value at a time (strings, bytes, messages).
    @inlinable @inline(__always)
    public static func repeated<C: WireFieldCodec>(_ values: [C.Value], fieldNumber: Int, _ codec: C.Type) -> Int {
        var total = values.count * tag(fieldNumber)
        for value in values { total += C.size(of: value) }
        return total
    }

    /// Size of one map entry message's payload; key and value are always written.
    @inlinable @inline(__always)
    public static func mapEntryPayload<K: WireFieldCodec, V: WireFieldCodec>(
        key: K.Value, value: V.Value, _ keyCodec: K.Type, _ valueCodec: V.Type
    ) -> Int {
        1 + K.size(of: key) + 1 + V.size(of: value)
    }

    /// A map field: one length-delimited entry message per key.
    @inlinable @inline(__always)
    public static func map<K: WireFieldCodec, V: WireFieldCodec>(
        _ map: [K.Value: V.Value], fieldNumber: Int, _ keyCodec: K.Type, _ valueCodec: V.Type
    ) -> Int {
        var total = map.count * tag(fieldNumber)
        for (key, value) in map {
            total += lengthDelimited(mapEntryPayload(key: key, value: value, K.self, V.self))
        }
        return total
    }
}
