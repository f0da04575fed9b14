import Wire

/// The echo message: one bytes field, sized to the benchmark's message size. Written
/// by hand in the generator's shape so the benchmark needs no generated contracts.
struct BenchMessage: WireMessage {
    var data: [UInt8] = []
    var unknownFields = UnknownFields()

    init() {}

    init(size: Int) {
        // Tag and length take 2 bytes (3 from 128 bytes on), so the message is `size` bytes.
        data = [UInt8](repeating: 0x61, count: size - (size - 2 < 128 ? 2 : 3))
    }

    func wireSize() -> Int {
        WireSize.singular(data, fieldNumber: 1, WireBytes.self) + unknownFields.wireSize
    }

    func encode(to writer: inout WireWriter) {
        writer.writeSingular(data, fieldNumber: 1, WireBytes.self)
        unknownFields.write(to: &writer)
    }

    mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: data = try reader.read(WireBytes.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
