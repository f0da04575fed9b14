// Message declarations: a struct of plain `var`s with proto3 defaults, its oneofs as
// nested enums, then its nested enums and messages.

extension FileEmitter {
    func emitMessageDeclaration(_ model: MessageModel, into out: inout SourceWriter) throws {
        out.lines(comments.documentation(model.sourcePath))
        let name = Naming.escaped(model.swiftPath.last ?? "")
        try out.block("public struct \(name): WireMessage") { out in
            var declaredOneofs: Set<Int> = []
            for (index, field) in model.fields.enumerated() {
                if case .oneofMember(let oneofIndex) = field.shape {
                    guard declaredOneofs.insert(oneofIndex).inserted,
                          let oneof = model.oneofs.first(where: { $0.index == oneofIndex }) else { continue }
                    out.lines(comments.documentation(model.sourcePath + [8, Int32(oneofIndex)]))
                    out.line("public var \(Naming.escaped(oneof.name)): \(Naming.escaped(oneof.typeName))? = nil")
                    continue
                }
                out.lines(comments.documentation(model.sourcePath + [2, Int32(index)]))
                if field.boxed {
                    emitBoxedProperty(field, into: &out)
                } else {
                    out.line("public var \(Naming.escaped(field.name)): \(field.declaredType) = \(field.initialValue)")
                }
            }
            out.line("public var unknownFields = UnknownFields()")
            out.line()
            out.line("public init() {}")
            for oneof in model.oneofs {
                out.line()
                emitOneofEnum(oneof, model: model, into: &out)
            }
            for (index, enumeration) in model.descriptor.enumType.enumerated() {
                out.line()
                emitEnum(enumeration, sourcePath: model.sourcePath + [4, Int32(index)], into: &out)
            }
            for (index, nested) in model.nestedMessages {
                out.line()
                try emitMessageDeclaration(try nestedModel(nested, index: index, in: model), into: &out)
            }
        }
    }

    /// A message field that closes a cycle: the struct stores a box, and the property
    /// keeps the plain Optional type so users never see the box.
    private func emitBoxedProperty(_ field: FieldModel, into out: inout SourceWriter) {
        let storage = "_" + field.name
        out.line("public var \(Naming.escaped(field.name)): \(field.value.swiftType)? {")
        out.line("    get { \(storage)?.value }")
        out.line("    set { \(storage) = newValue.map(WireBox.init) }")
        out.line("}")
        out.line("private var \(storage): WireBox<\(field.value.swiftType)>? = nil")
    }

    private func emitOneofEnum(_ oneof: OneofModel, model: MessageModel, into out: inout SourceWriter) {
        out.lines(comments.documentation(model.sourcePath + [8, Int32(oneof.index)]))
        out.block("public enum \(Naming.escaped(oneof.typeName)): Hashable, Sendable") { out in
            for member in oneof.members {
                if let index = model.descriptor.field.firstIndex(where: { $0.number == member.number }) {
                    out.lines(comments.documentation(model.sourcePath + [2, Int32(index)]))
                }
                // An indirect case is the enum's own box for a member that closes a cycle.
                let indirect = member.boxed ? "indirect " : ""
                out.line("\(indirect)case \(Naming.escaped(member.name))(\(member.value.swiftType))")
            }
        }
    }

    func nestedModel(_ nested: DescriptorProto, index: Int, in parent: MessageModel) throws -> MessageModel {
        try messageModel(nested, fullName: parent.fullName + "." + nested.name, swiftPath: parent.swiftPath + [nested.name],
                         sourcePath: parent.sourcePath + [3, Int32(index)], enclosing: parent.scope)
    }
}
