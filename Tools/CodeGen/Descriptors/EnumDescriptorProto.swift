import Wire

/// `google.protobuf.EnumDescriptorProto`.
public struct EnumDescriptorProto: WireMessage {
    public var name = ""
    public var value: [EnumValueDescriptorProto] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.repeated(value, fieldNumber: 2, WireMessageCodec<EnumValueDescriptorProto>.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeRepeated(value, fieldNumber: 2, WireMessageCodec<EnumValueDescriptorProto>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 2: try reader.readRepeatedElement(WireMessageCodec<EnumValueDescriptorProto>.self, tag: tag, into: &value)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}

/// `google.protobuf.EnumValueDescriptorProto`.
public struct EnumValueDescriptorProto: WireMessage {
    public var name = ""
    public var number: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.singular(number, fieldNumber: 2, WireInt32.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeSingular(number, fieldNumber: 2, WireInt32.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 2: number = try reader.read(WireInt32.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
