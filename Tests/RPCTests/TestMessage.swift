import Wire

/// A hand-written message in the generator's shape, so the RPC tests need no
/// generated test contracts: bytes, a string and a number cover every test method.
struct TestMessage: WireMessage {
    var data: [UInt8] = []
    var text: String = ""
    var number: UInt64 = 0
    var unknownFields = UnknownFields()

    init() {}

    init(text: String = "", number: UInt64 = 0, data: [UInt8] = []) {
        self.text = text
        self.number = number
        self.data = data
    }

    func wireSize() -> Int {
        WireSize.singular(data, fieldNumber: 1, WireBytes.self)
            + WireSize.singular(text, fieldNumber: 2, WireString.self)
            + WireSize.singular(number, fieldNumber: 3, WireUInt64.self)
            + unknownFields.wireSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(data, fieldNumber: 1, WireBytes.self)
        writer.writeSingular(text, fieldNumber: 2, WireString.self)
        writer.writeSingular(number, fieldNumber: 3, WireUInt64.self)
        unknownFields.write(to: &writer)
    }

    mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: data = try reader.read(WireBytes.self, tag: tag)
            case 2: text = try reader.read(WireString.self, tag: tag)
            case 3: number = try reader.read(WireUInt64.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
