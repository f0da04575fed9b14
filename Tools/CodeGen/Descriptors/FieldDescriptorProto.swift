import Wire

/// `google.protobuf.FieldDescriptorProto`: one field of a message.
public struct FieldDescriptorProto: WireMessage {
    public var name = ""
    public var number: Int32 = 0
    public var label = Label()
    public var type = FieldType()
    /// For messages and enums: the fully qualified name, with a leading dot.
    public var typeName = ""
    public var options: FieldOptions? = nil
    /// The index in the message's `oneof_decl` of the oneof holding this field.
    public var oneofIndex: Int32? = nil
    /// True for a proto3 `optional` field, whose oneof protoc made up to give it presence.
    public var proto3Optional = false
    public var unknownFields = UnknownFields()

    public init() {}

    /// `FieldDescriptorProto.Label`.
    public enum Label: WireEnum {
        case optional, required, repeated
        case unrecognized(Int32)

        public init() { self = .optional }

        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .optional
            case 2: self = .required
            case 3: self = .repeated
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .optional: 1
            case .required: 2
            case .repeated: 3
            case .unrecognized(let value): value
            }
        }
    }

    /// `FieldDescriptorProto.Type`.
    public enum FieldType: WireEnum {
        case double, float, int64, uint64, int32, fixed64, fixed32, bool, string, group
        case message, bytes, uint32, `enum`, sfixed32, sfixed64, sint32, sint64
        case unrecognized(Int32)

        public init() { self = .double }

        public init(rawValue: Int32) {
            switch rawValue {
            case 1: self = .double
            case 2: self = .float
            case 3: self = .int64
            case 4: self = .uint64
            case 5: self = .int32
            case 6: self = .fixed64
            case 7: self = .fixed32
            case 8: self = .bool
            case 9: self = .string
            case 10: self = .group
            case 11: self = .message
            case 12: self = .bytes
            case 13: self = .uint32
            case 14: self = .enum
            case 15: self = .sfixed32
            case 16: self = .sfixed64
            case 17: self = .sint32
            case 18: self = .sint64
            default: self = .unrecognized(rawValue)
            }
        }

        // Equality of a RawRepresentable enum goes through `rawValue`, so this must
        // not compare cases with `==`.
        public var rawValue: Int32 {
            switch self {
            case .double: 1
            case .float: 2
            case .int64: 3
            case .uint64: 4
            case .int32: 5
            case .fixed64: 6
            case .fixed32: 7
            case .bool: 8
            case .string: 9
            case .group: 10
            case .message: 11
            case .bytes: 12
            case .uint32: 13
            case .enum: 14
            case .sfixed32: 15
            case .sfixed64: 16
            case .sint32: 17
            case .sint64: 18
            case .unrecognized(let value): value
            }
        }
    }

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.singular(number, fieldNumber: 3, WireInt32.self)
        size += WireSize.present(label, fieldNumber: 4, WireEnumCodec<Label>.self)
        size += WireSize.present(type, fieldNumber: 5, WireEnumCodec<FieldType>.self)
        size += WireSize.singular(typeName, fieldNumber: 6, WireString.self)
        size += WireSize.present(options, fieldNumber: 8, WireMessageCodec<FieldOptions>.self)
        size += WireSize.present(oneofIndex, fieldNumber: 9, WireInt32.self)
        size += WireSize.singular(proto3Optional, fieldNumber: 17, WireBool.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeSingular(number, fieldNumber: 3, WireInt32.self)
        writer.writePresent(label, fieldNumber: 4, WireEnumCodec<Label>.self)
        writer.writePresent(type, fieldNumber: 5, WireEnumCodec<FieldType>.self)
        writer.writeSingular(typeName, fieldNumber: 6, WireString.self)
        writer.writePresent(options, fieldNumber: 8, WireMessageCodec<FieldOptions>.self)
        writer.writePresent(oneofIndex, fieldNumber: 9, WireInt32.self)
        writer.writeSingular(proto3Optional, fieldNumber: 17, WireBool.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 3: number = try reader.read(WireInt32.self, tag: tag)
            case 4: label = try reader.read(WireEnumCodec<Label>.self, tag: tag)
            case 5: type = try reader.read(WireEnumCodec<FieldType>.self, tag: tag)
            case 6: typeName = try reader.read(WireString.self, tag: tag)
            case 8: try reader.mergeMessage(tag: tag, into: &options)
            case 9: oneofIndex = try reader.read(WireInt32.self, tag: tag)
            case 17: proto3Optional = try reader.read(WireBool.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}

/// `google.protobuf.FieldOptions`: only `packed`, which `[packed = false]` turns off
/// for a repeated scalar that proto3 would otherwise pack.
public struct FieldOptions: WireMessage {
    public var packed: Bool? = nil
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        WireSize.present(packed, fieldNumber: 2, WireBool.self) + unknownFields.wireSize
    }

    public func encode(to writer: inout WireWriter) {
        writer.writePresent(packed, fieldNumber: 2, WireBool.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 2: packed = try reader.read(WireBool.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
