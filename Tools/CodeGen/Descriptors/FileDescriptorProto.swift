import Wire

// The descriptor types of google/protobuf/descriptor.proto, written by hand on Wire
// because the generator cannot generate itself. Each keeps only the fields the
// generator reads; everything else lands in `unknownFields` and is written back.
// descriptor.proto is proto2: its scalars are kept as plain values, so a field set to
// its default is not written back; the generator never needs that difference, except
// for `oneof_index`, whose 0 is meaningful and which is therefore Optional.

/// `google.protobuf.FileDescriptorProto`: one .proto file.
public struct FileDescriptorProto: WireMessage {
    public var name = ""
    public var package = ""
    public var dependency: [String] = []
    public var messageType: [DescriptorProto] = []
    public var enumType: [EnumDescriptorProto] = []
    public var service: [ServiceDescriptorProto] = []
    public var sourceCodeInfo: SourceCodeInfo? = nil
    /// "proto2" (or empty, which means proto2), "proto3" or "editions".
    public var syntax = ""
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.singular(package, fieldNumber: 2, WireString.self)
        size += WireSize.repeated(dependency, fieldNumber: 3, WireString.self)
        size += WireSize.repeated(messageType, fieldNumber: 4, WireMessageCodec<DescriptorProto>.self)
        size += WireSize.repeated(enumType, fieldNumber: 5, WireMessageCodec<EnumDescriptorProto>.self)
        size += WireSize.repeated(service, fieldNumber: 6, WireMessageCodec<ServiceDescriptorProto>.self)
        size += WireSize.present(sourceCodeInfo, fieldNumber: 9, WireMessageCodec<SourceCodeInfo>.self)
        size += WireSize.singular(syntax, fieldNumber: 12, WireString.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeSingular(package, fieldNumber: 2, WireString.self)
        writer.writeRepeated(dependency, fieldNumber: 3, WireString.self)
        writer.writeRepeated(messageType, fieldNumber: 4, WireMessageCodec<DescriptorProto>.self)
        writer.writeRepeated(enumType, fieldNumber: 5, WireMessageCodec<EnumDescriptorProto>.self)
        writer.writeRepeated(service, fieldNumber: 6, WireMessageCodec<ServiceDescriptorProto>.self)
        writer.writePresent(sourceCodeInfo, fieldNumber: 9, WireMessageCodec<SourceCodeInfo>.self)
        writer.writeSingular(syntax, fieldNumber: 12, WireString.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 2: package = try reader.read(WireString.self, tag: tag)
            case 3: try reader.readRepeatedElement(WireString.self, tag: tag, into: &dependency)
            case 4: try reader.readRepeatedElement(WireMessageCodec<DescriptorProto>.self, tag: tag, into: &messageType)
            case 5: try reader.readRepeatedElement(WireMessageCodec<EnumDescriptorProto>.self, tag: tag, into: &enumType)
            case 6: try reader.readRepeatedElement(WireMessageCodec<ServiceDescriptorProto>.self, tag: tag, into: &service)
            case 9: try reader.mergeMessage(tag: tag, into: &sourceCodeInfo)
            case 12: syntax = try reader.read(WireString.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
