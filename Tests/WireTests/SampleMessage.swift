import Wire

/// A hand-written message in the shape the generator emits, so the runtime can be
/// tested on its own: a scalar, a string, packed numbers, a map and a recursive list
/// (for the depth limit).
struct SampleMessage: WireMessage {
    var number: Int32 = 0
    var name: String = ""
    var values: [Int64] = []
    var labels: [String: String] = [:]
    var children: [SampleMessage] = []
    var unknownFields = UnknownFields()

    init() {}

    func wireSize() -> Int {
        WireSize.singular(number, fieldNumber: 1, WireInt32.self)
            + WireSize.singular(name, fieldNumber: 2, WireString.self)
            + WireSize.packed(values, fieldNumber: 3, WireSInt64.self)
            + WireSize.map(labels, fieldNumber: 4, WireString.self, WireString.self)
            + WireSize.repeated(children, fieldNumber: 5, WireMessageCodec<SampleMessage>.self)
            + unknownFields.wireSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(number, fieldNumber: 1, WireInt32.self)
        writer.writeSingular(name, fieldNumber: 2, WireString.self)
        writer.writePacked(values, fieldNumber: 3, WireSInt64.self)
        writer.writeMap(labels, fieldNumber: 4, WireString.self, WireString.self)
        writer.writeRepeated(children, fieldNumber: 5, WireMessageCodec<SampleMessage>.self)
        unknownFields.write(to: &writer)
    }

    mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: number = try reader.read(WireInt32.self, tag: tag)
            case 2: name = try reader.read(WireString.self, tag: tag)
            case 3: try reader.readRepeated(WireSInt64.self, tag: tag, into: &values)
            case 4: try reader.readMapEntry(WireString.self, WireString.self, tag: tag, into: &labels)
            case 5: try reader.readRepeatedElement(WireMessageCodec<SampleMessage>.self, tag: tag, into: &children)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
