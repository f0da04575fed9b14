import Wire

/// `google.protobuf.SourceCodeInfo`: where each definition sits in its file and the
/// comments around it, which the generator copies into doc comments.
public struct SourceCodeInfo: WireMessage {
    public var location: [Location] = []
    public var unknownFields = UnknownFields()

    public init() {}

    /// `SourceCodeInfo.Location`: `path` names a definition by the field numbers and
    /// indexes that lead to it from the FileDescriptorProto (e.g. [4, 0, 2, 1] is the
    /// second field of the first message).
    public struct Location: WireMessage {
        public var path: [Int32] = []
        public var leadingComments = ""
        public var trailingComments = ""
        /// Comments separated from the definition by a blank line.
        public var leadingDetachedComments: [String] = []
        public var unknownFields = UnknownFields()

        public init() {}

        public func wireSize() -> Int {
            var size = 0
            size += WireSize.packed(path, fieldNumber: 1, WireInt32.self)
            size += WireSize.singular(leadingComments, fieldNumber: 3, WireString.self)
            size += WireSize.singular(trailingComments, fieldNumber: 4, WireString.self)
            size += WireSize.repeated(leadingDetachedComments, fieldNumber: 6, WireString.self)
            size += unknownFields.wireSize
            return size
        }

        public func encode(to writer: inout WireWriter) {
            writer.writePacked(path, fieldNumber: 1, WireInt32.self)
            writer.writeSingular(leadingComments, fieldNumber: 3, WireString.self)
            writer.writeSingular(trailingComments, fieldNumber: 4, WireString.self)
            writer.writeRepeated(leadingDetachedComments, fieldNumber: 6, WireString.self)
            unknownFields.write(to: &writer)
        }

        public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: try reader.readRepeated(WireInt32.self, tag: tag, into: &path)
                case 3: leadingComments = try reader.read(WireString.self, tag: tag)
                case 4: trailingComments = try reader.read(WireString.self, tag: tag)
                case 6: try reader.readRepeatedElement(WireString.self, tag: tag, into: &leadingDetachedComments)
                default: try reader.keepUnknown(tag: tag, in: &unknownFields)
                }
            }
        }
    }

    public func wireSize() -> Int {
        WireSize.repeated(location, fieldNumber: 1, WireMessageCodec<Location>.self) + unknownFields.wireSize
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeRepeated(location, fieldNumber: 1, WireMessageCodec<Location>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.readRepeatedElement(WireMessageCodec<Location>.self, tag: tag, into: &location)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
