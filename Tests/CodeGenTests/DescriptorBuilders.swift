@testable import CodeGen

// Small builders for hand-made descriptors, so each emission test shows only the
// proto it is about.

func field(
    _ name: String, _ number: Int32, _ type: FieldDescriptorProto.FieldType, typeName: String = "",
    repeated: Bool = false, oneof: Int32? = nil, proto3Optional: Bool = false
) -> FieldDescriptorProto {
    var field = FieldDescriptorProto()
    field.name = name
    field.number = number
    field.type = type
    field.typeName = typeName
    field.label = repeated ? .repeated : .optional
    field.oneofIndex = oneof
    field.proto3Optional = proto3Optional
    return field
}

func message(_ name: String, _ fields: [FieldDescriptorProto], oneofs: [String] = []) -> DescriptorProto {
    var message = DescriptorProto()
    message.name = name
    message.field = fields
    message.oneofDecl = oneofs.map { name in
        var oneof = OneofDescriptorProto()
        oneof.name = name
        return oneof
    }
    return message
}

func protoFile(
    _ name: String, package: String, messages: [DescriptorProto] = [], enums: [EnumDescriptorProto] = [],
    services: [ServiceDescriptorProto] = [], dependencies: [String] = []
) -> FileDescriptorProto {
    var file = FileDescriptorProto()
    file.name = name
    file.package = package
    file.syntax = "proto3"
    file.messageType = messages
    file.enumType = enums
    file.service = services
    file.dependency = dependencies
    return file
}

/// Runs the generator on `files` (the last one is generated) and returns the output or
/// the error text.
func generate(_ files: [FileDescriptorProto], parameter: String) -> (content: String, error: String?) {
    var request = CodeGeneratorRequest()
    request.protoFile = files
    request.fileToGenerate = files.last.map { [$0.name] } ?? []
    request.parameter = parameter
    let response = Generator.respond(to: request)
    return (response.file.first?.content ?? "", response.error)
}
