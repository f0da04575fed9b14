import Wire

// The protoc plugin protocol (google/protobuf/compiler/plugin.proto): protoc writes a
// CodeGeneratorRequest to the plugin's stdin and reads a CodeGeneratorResponse from
// its stdout.

/// `google.protobuf.compiler.CodeGeneratorRequest`.
public struct CodeGeneratorRequest: WireMessage {
    /// The files named on protoc's command line; only these get output.
    public var fileToGenerate: [String] = []
    /// What follows `--sotay_opt=` (or `--sotay_out=PARAMETER:`).
    public var parameter = ""
    /// Every file in `fileToGenerate` and everything they import, dependencies first.
    public var protoFile: [FileDescriptorProto] = []
    public var unknownFields = UnknownFields()

    public init() {}

    public func wireSize() -> Int {
        var size = 0
        size += WireSize.repeated(fileToGenerate, fieldNumber: 1, WireString.self)
        size += WireSize.singular(parameter, fieldNumber: 2, WireString.self)
        size += WireSize.repeated(protoFile, fieldNumber: 15, WireMessageCodec<FileDescriptorProto>.self)
        size += unknownFields.wireSize
        return size
    }

    public func encode(to writer: inout WireWriter) {
        writer.writeRepeated(fileToGenerate, fieldNumber: 1, WireString.self)
        writer.writeSingular(parameter, fieldNumber: 2, WireString.self)
        writer.writeRepeated(protoFile, fieldNumber: 15, WireMessageCodec<FileDescriptorProto>.self)
        unknownFields.write(to: &writer)
    }

    public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: try reader.readRepeatedElement(WireString.self, tag: tag, into: &fileToGenerate)
            case 2: parameter = try reader.read(WireString.self, tag: tag)
            case 15: try reader.readRepeatedElement(WireMessageCodec<FileDescriptorProto>.self, tag: tag, into: &protoFile)
            default: try reader.keepUnknown(tag: tag, in: &unknownFields)
            }
        }
    }
}
