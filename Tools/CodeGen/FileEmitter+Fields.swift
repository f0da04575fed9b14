// Resolving a message's fields: Swift names, types, codecs and shapes.

extension FileEmitter {
    /// Oneofs written by the user; protoc's synthetic oneofs for proto3 `optional`
    /// fields are not oneofs in Swift, just Optionals.
    func realOneofIndexes(of message: DescriptorProto) -> [Int] {
        let indexes = message.field.filter { !$0.proto3Optional }.compactMap(\.oneofIndex).map(Int.init)
        return Array(Set(indexes)).sorted()
    }

    /// `choice` → `Choice`; `Oneof` is added when a nested type already has the name.
    func oneofTypeName(of message: DescriptorProto, index: Int) -> String {
        let name = Naming.upperCamelCase(message.oneofDecl.indices.contains(index) ? message.oneofDecl[index].name : "oneof\(index)")
        let taken = Set(message.nestedType.map(\.name) + message.enumType.map(\.name))
        return taken.contains(name) ? name + "Oneof" : name
    }

    func messageModel(
        _ message: DescriptorProto, fullName: String, swiftPath: [String], sourcePath: [Int32], enclosing: [DescriptorProto]
    ) throws -> MessageModel {
        let scope = enclosing + [message]
        var fields: [FieldModel] = []
        for field in message.field {
            fields.append(try fieldModel(field, in: message, fullName: fullName, scope: scope))
        }
        let oneofs = realOneofIndexes(of: message).map { index in
            OneofModel(
                index: index,
                name: propertyName(message.oneofDecl.indices.contains(index) ? message.oneofDecl[index].name : "oneof\(index)"),
                typeName: oneofTypeName(of: message, index: index),
                members: fields.filter { if case .oneofMember(index) = $0.shape { true } else { false } })
        }
        return MessageModel(descriptor: message, fullName: fullName, swiftPath: swiftPath, sourcePath: sourcePath,
                            scope: scope, fields: fields, oneofs: oneofs)
    }

    /// `call_id` → `callID`; names every message already has get a `_` suffix.
    func propertyName(_ protoName: String) -> String {
        let name = Naming.lowerCamelCase(protoName)
        return FieldModel.reservedMembers.contains(name) ? name + "_" : name
    }

    private func fieldModel(
        _ field: FieldDescriptorProto, in message: DescriptorProto, fullName: String, scope: [DescriptorProto]
    ) throws -> FieldModel {
        let name = propertyName(field.name)
        if field.label == .required {
            throw GeneratorError.unsupported(file: file.name, what: "required field \(fullName).\(field.name)")
        }
        if field.label == .repeated, field.type == .message,
           case .message(let entry) = try registry.entry(field.typeName).kind, entry.options?.mapEntry == true {
            guard let keyField = entry.field.first(where: { $0.number == 1 }),
                  let valueField = entry.field.first(where: { $0.number == 2 }) else {
                throw GeneratorError.unsupported(file: file.name, what: "map entry \(field.typeName) without key and value")
            }
            let key = try valueType(keyField, scope: scope)
            let value = try valueType(valueField, scope: scope)
            return FieldModel(descriptor: field, name: name, value: value, shape: .map(key: key, value: value), boxed: false)
        }
        let value = try valueType(field, scope: scope)
        let shape: FieldModel.Shape
        if field.label == .repeated {
            shape = .repeated(packed: value.isPackable && field.options?.packed != false)
        } else if let oneof = field.oneofIndex, !field.proto3Optional {
            shape = .oneofMember(Int(oneof))
        } else if field.proto3Optional || value.isMessage {
            shape = .present
        } else {
            shape = .singular
        }
        let boxed = field.label != .repeated && value.isMessage
            && registry.closesCycle(owner: fullName, target: field.typeName)
        return FieldModel(descriptor: field, name: name, value: value, shape: shape, boxed: boxed)
    }

    /// The Swift type, codec and default of one value of `field`'s type.
    func valueType(_ field: FieldDescriptorProto, scope: [DescriptorProto]) throws -> ValueType {
        func number(_ swiftType: String, _ codec: String, _ zero: String = "0") -> ValueType {
            ValueType(swiftType: swiftType, codec: codec, defaultValue: zero, isPackable: true)
        }
        switch field.type {
        case .double: return number("Double", "WireDouble")
        case .float: return number("Float", "WireFloat")
        case .int64: return number("Int64", "WireInt64")
        case .uint64: return number("UInt64", "WireUInt64")
        case .int32: return number("Int32", "WireInt32")
        case .fixed64: return number("UInt64", "WireFixed64")
        case .fixed32: return number("UInt32", "WireFixed32")
        case .bool: return number("Bool", "WireBool", "false")
        case .uint32: return number("UInt32", "WireUInt32")
        case .sfixed32: return number("Int32", "WireSFixed32")
        case .sfixed64: return number("Int64", "WireSFixed64")
        case .sint32: return number("Int32", "WireSInt32")
        case .sint64: return number("Int64", "WireSInt64")
        case .string: return ValueType(swiftType: "String", codec: "WireString", defaultValue: "\"\"")
        case .bytes: return ValueType(swiftType: "[UInt8]", codec: "WireBytes", defaultValue: "[]")
        case .enum:
            let swiftType = try typeReference(field.typeName, scope: scope)
            guard case .enumeration(let enumeration) = try registry.entry(field.typeName).kind else {
                throw GeneratorError.unknownType(field.typeName)
            }
            return ValueType(swiftType: swiftType, codec: "WireEnumCodec<\(swiftType)>",
                             defaultValue: "." + Naming.escaped(defaultCaseName(of: enumeration)), isPackable: true)
        case .message:
            let swiftType = try typeReference(field.typeName, scope: scope)
            return ValueType(swiftType: swiftType, codec: "WireMessageCodec<\(swiftType)>",
                             defaultValue: "\(swiftType)()", isMessage: true)
        case .group, .unrecognized:
            throw GeneratorError.unsupported(file: file.name, what: "the type of field \(field.name) (groups and unknown types)")
        }
    }
}
