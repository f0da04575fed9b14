import Wire

/// `google.protobuf.compiler.CodeGeneratorResponse`.
public struct CodeGeneratorResponse: WireMessage {
    /// Set when the input is something the generator refuses; protoc prints it and fails.
    public var error: String? = nil
    /// A bit set of `CodeGeneratorResponse.Feature`.
    public var supportedFeatures: UInt64 = 0
    public var file: [File] = []
    public var unknownFields = UnknownFields()

    /// `Feature.FEATURE_PROTO3_OPTIONAL`: the plugin understands `proto3_optional`.
    public static let featureProto3Optional: UInt64 = 1

    public init() {}

    /// `CodeGeneratorResponse.File`: one output file, its name relative to `--sotay_out`.
    public struct File: WireMessage {
        public var name = ""
        public var content = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public init(name: String, content: String) {
            self.name = name
            self.content = content
        }

        public func wireSize() -> Int {
            var size = 0
            size += WireSize.singular(name, fieldNumber: 1, WireString.self)
            size += WireSize.singular(content, fieldNumber: 15, WireString.self)
            size += unknownFields.wireSize
            return size
        }

        public func encode(to writer: inout WireWriter) {
            writer.writeSingular(name, fieldNumber: 1, WireString.self)
            writer.writeSingular(content, fieldNumber: 15, WireString.self)
            unknownFields.write(to: &writer)
        }

        public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: name = try reader.read(WireString.self, tag: tag)
                case 15: content = try reader.read(WireString.self, tag: tag)
                default: try reader.keepUnknown(tag: tag, in: &unknownFields)
                }
            }
        }
    }

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.present(error, fieldNumber: 1, WireString.self)
        size += WireSize.singular(supportedFeatures, fieldNumber: 2, WireUInt64.self)
        size += WireSize.repeated(file, fieldNumber: 15, WireMessageCodec<File>.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writePresent(error, fieldNumber: 1, WireString.self)
        writer.writeSingular(supportedFeatures, fieldNumber: 2, WireUInt64.self)
        writer.writeRepeated(file, fieldNumber: 15, WireMessageCodec<File>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: error = try reader.read(WireString.self, tag: tag)
            case 2: supportedFeatures = try reader.read(WireUInt64.self, tag: tag)
            case 15: try reader.readRepeatedElement(WireMessageCodec<File>.self, tag: tag, into: &file)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
