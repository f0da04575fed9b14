import Wire

/// `google.protobuf.DescriptorProto`: a message type.
public struct DescriptorProto: WireMessage {
    public var name = ""
    public var field: [FieldDescriptorProto] = []
    public var nestedType: [DescriptorProto] = []
    public var enumType: [EnumDescriptorProto] = []
    public var options: MessageOptions? = nil
    public var oneofDecl: [OneofDescriptorProto] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.repeated(field, fieldNumber: 2, WireMessageCodec<FieldDescriptorProto>.self)
        size += WireSize.repeated(nestedType, fieldNumber: 3, WireMessageCodec<DescriptorProto>.self)
        size += WireSize.repeated(enumType, fieldNumber: 4, WireMessageCodec<EnumDescriptorProto>.self)
        size += WireSize.present(options, fieldNumber: 7, WireMessageCodec<MessageOptions>.self)
        size += WireSize.repeated(oneofDecl, fieldNumber: 8, WireMessageCodec<OneofDescriptorProto>.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeRepeated(field, fieldNumber: 2, WireMessageCodec<FieldDescriptorProto>.self)
        writer.writeRepeated(nestedType, fieldNumber: 3, WireMessageCodec<DescriptorProto>.self)
        writer.writeRepeated(enumType, fieldNumber: 4, WireMessageCodec<EnumDescriptorProto>.self)
        writer.writePresent(options, fieldNumber: 7, WireMessageCodec<MessageOptions>.self)
        writer.writeRepeated(oneofDecl, fieldNumber: 8, WireMessageCodec<OneofDescriptorProto>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 2: try reader.readRepeatedElement(WireMessageCodec<FieldDescriptorProto>.self, tag: tag, into: &field)
            case 3: try reader.readRepeatedElement(WireMessageCodec<DescriptorProto>.self, tag: tag, into: &nestedType)
            case 4: try reader.readRepeatedElement(WireMessageCodec<EnumDescriptorProto>.self, tag: tag, into: &enumType)
            case 7: try reader.mergeMessage(tag: tag, into: &options)
            case 8: try reader.readRepeatedElement(WireMessageCodec<OneofDescriptorProto>.self, tag: tag, into: &oneofDecl)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}

/// `google.protobuf.MessageOptions`: only `map_entry`, which marks the synthetic entry
/// type protoc creates for a `map<K, V>` field.
public struct MessageOptions: WireMessage {
    public var mapEntry = false
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        WireSize.singular(mapEntry, fieldNumber: 7, WireBool.self) + unknownFields.wireSize
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(mapEntry, fieldNumber: 7, WireBool.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 7: mapEntry = try reader.read(WireBool.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}

/// `google.protobuf.OneofDescriptorProto`.
public struct OneofDescriptorProto: WireMessage {
    public var name = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        WireSize.singular(name, fieldNumber: 1, WireString.self) + unknownFields.wireSize
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
