import Wire

/// `google.protobuf.ServiceDescriptorProto`.
public struct ServiceDescriptorProto: WireMessage {
    public var name = ""
    public var method: [MethodDescriptorProto] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.repeated(method, fieldNumber: 2, WireMessageCodec<MethodDescriptorProto>.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeRepeated(method, fieldNumber: 2, WireMessageCodec<MethodDescriptorProto>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 2: try reader.readRepeatedElement(WireMessageCodec<MethodDescriptorProto>.self, tag: tag, into: &method)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}

/// `google.protobuf.MethodDescriptorProto`.
public struct MethodDescriptorProto: WireMessage {
    public var name = ""
    /// Fully qualified, with a leading dot.
    public var inputType = ""
    public var outputType = ""
    public var options: MethodOptions? = nil
    public var clientStreaming = false
    public var serverStreaming = false
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.singular(name, fieldNumber: 1, WireString.self)
        size += WireSize.singular(inputType, fieldNumber: 2, WireString.self)
        size += WireSize.singular(outputType, fieldNumber: 3, WireString.self)
        size += WireSize.present(options, fieldNumber: 4, WireMessageCodec<MethodOptions>.self)
        size += WireSize.singular(clientStreaming, fieldNumber: 5, WireBool.self)
        size += WireSize.singular(serverStreaming, fieldNumber: 6, WireBool.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(name, fieldNumber: 1, WireString.self)
        writer.writeSingular(inputType, fieldNumber: 2, WireString.self)
        writer.writeSingular(outputType, fieldNumber: 3, WireString.self)
        writer.writePresent(options, fieldNumber: 4, WireMessageCodec<MethodOptions>.self)
        writer.writeSingular(clientStreaming, fieldNumber: 5, WireBool.self)
        writer.writeSingular(serverStreaming, fieldNumber: 6, WireBool.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: name = try reader.read(WireString.self, tag: tag)
            case 2: inputType = try reader.read(WireString.self, tag: tag)
            case 3: outputType = try reader.read(WireString.self, tag: tag)
            case 4: try reader.mergeMessage(tag: tag, into: &options)
            case 5: clientStreaming = try reader.read(WireBool.self, tag: tag)
            case 6: serverStreaming = try reader.read(WireBool.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}

/// `google.protobuf.MethodOptions`: only `idempotency_level` (field 34), which decides
/// whether the generated client lets the channel retry a call.
public struct MethodOptions: WireMessage {
    public var idempotencyLevel = IdempotencyLevel()
    public var unknownFields = UnknownFields()

    public init() {}

    /// `MethodOptions.IdempotencyLevel`.
    public enum IdempotencyLevel: WireEnum {
        case idempotencyUnknown, noSideEffects, idempotent
        case unrecognized(Int32)

        public init() { self = .idempotencyUnknown }

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .idempotencyUnknown
            case 1: self = .noSideEffects
            case 2: self = .idempotent
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .idempotencyUnknown: 0
            case .noSideEffects: 1
            case .idempotent: 2
            case .unrecognized(let value): value
            }
        }
    }

    public func wireSize() -> Int {
        WireSize.singular(idempotencyLevel, fieldNumber: 34, WireEnumCodec<IdempotencyLevel>.self)
            + unknownFields.wireSize
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeSingular(idempotencyLevel, fieldNumber: 34, WireEnumCodec<IdempotencyLevel>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 34: idempotencyLevel = try reader.read(WireEnumCodec<IdempotencyLevel>.self, tag: tag)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
