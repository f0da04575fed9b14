// What the emitters need to know about each field once its type is resolved: the
// Swift name and type, the Wire codec, and which family of Wire helpers handles it.

/// One value's Swift type and Wire codec (a field's, or a repeated field's element).
struct ValueType {
    var swiftType: String
    /// The codec type expression, e.g. `WireInt32` or `WireMessageCodec<Status>`.
    var codec: String
    /// The proto3 default as a Swift expression.
    var defaultValue: String
    var isMessage = false
    /// Numbers, bools and enums: repeated fields of these are packed.
    var isPackable = false
}

struct FieldModel {
    enum Shape {
        /// proto3 scalar without presence: not written when it holds its default.
        case singular
        /// `optional` scalar or enum, or a message: Optional in Swift.
        case present
        case repeated(packed: Bool)
        case map(key: ValueType, value: ValueType)
        /// A member of a real (not synthetic) oneof, by its index in `oneofDecl`.
        case oneofMember(Int)
    }

    var descriptor: FieldDescriptorProto
    /// Unescaped Swift name.
    var name: String
    var value: ValueType
    var shape: Shape
    /// Stored in a `WireBox` (or an `indirect` oneof case) because the message would
    /// otherwise contain itself.
    var boxed: Bool

    var number: Int32 { descriptor.number }

    /// The property's declared Swift type.
    var declaredType: String {
        switch shape {
        case .singular, .oneofMember: value.swiftType
        case .present: value.swiftType + "?"
        case .repeated: "[\(value.swiftType)]"
        case .map(let key, let value): "[\(key.swiftType): \(value.swiftType)]"
        }
    }

    var initialValue: String {
        switch shape {
        case .singular, .oneofMember: value.defaultValue
        case .present: "nil"
        case .repeated: "[]"
        case .map: "[:]"
        }
    }
}

struct OneofModel {
    var index: Int
    /// Unescaped property name, e.g. `choice`.
    var name: String
    /// Unescaped enum type name, e.g. `Choice`.
    var typeName: String
    var members: [FieldModel]
}

/// A message with its fields resolved, and where it sits.
struct MessageModel {
    var descriptor: DescriptorProto
    /// Fully qualified proto name with a leading dot.
    var fullName: String
    /// Unescaped Swift names from the module's top level.
    var swiftPath: [String]
    /// Its path in SourceCodeInfo.
    var sourcePath: [Int32]
    /// The messages enclosing it, outermost first, itself last.
    var scope: [DescriptorProto]
    var fields: [FieldModel]
    var oneofs: [OneofModel]

    /// The escaped, dotted Swift name from the module's top level.
    var qualifiedName: String { swiftPath.map(Naming.escaped).joined(separator: ".") }

    /// Nested messages that become Swift types (map entries do not).
    var nestedMessages: [(offset: Int, element: DescriptorProto)] {
        descriptor.nestedType.enumerated().filter { $0.element.options?.mapEntry != true }
    }
}

extension FieldModel {
    /// Names that generated method bodies use for locals and parameters; a property
    /// with one of these names is read through `self.`.
    static let bodyLocals: Set<String> = ["size", "writer", "reader", "tag", "value", "current"]
    /// Members every message has, and `self`, which a caller could not reach as
    /// `message.self`: a field with one of these names gets a `_` suffix.
    static let reservedMembers: Set<String> = ["unknownFields", "wireSize", "encode", "decodeMessage", "wireEncoded", "self"]

    /// How a method body refers to a property named `name`.
    static func reference(_ name: String) -> String {
        if bodyLocals.contains(name) || Naming.swiftKeywords.contains(name) { return "self." + Naming.escaped(name) }
        return name
    }

    var reference: String { FieldModel.reference(name) }
}
