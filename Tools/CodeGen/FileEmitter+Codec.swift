// The codec extension of each message: size, encode and decode as straight-line calls
// to Wire's field helpers with one concrete codec per field, so that the compiler
// specializes everything in the generated module. Fields go in field-number order.

extension FileEmitter {
    /// What the size and encode passes visit, in field-number order: a field, a whole
    /// oneof (when its members are numbered together) or one oneof member.
    private enum EncodeStep {
        case field(FieldModel)
        case oneof(OneofModel)
        case oneofMember(FieldModel, OneofModel)
    }

    private func encodeSteps(_ model: MessageModel) -> [EncodeStep] {
        let sorted = model.fields.sorted { $0.number < $1.number }
        var steps: [EncodeStep] = []
        // Whether each oneof's members share one switch, decided at its first member.
        var grouped: [Int: Bool] = [:]
        for (position, field) in sorted.enumerated() {
            guard case .oneofMember(let index) = field.shape,
                  let oneof = model.oneofs.first(where: { $0.index == index }) else {
                steps.append(.field(field))
                continue
            }
            switch grouped[index] {
            case nil:
                // Members numbered together (no other field between them) share one
                // switch without breaking the field-number order.
                let together = sorted[position...].prefix(oneof.members.count)
                    .allSatisfy { if case .oneofMember(index) = $0.shape { true } else { false } }
                grouped[index] = together
                steps.append(together ? .oneof(oneof) : .oneofMember(field, oneof))
            case false?:
                steps.append(.oneofMember(field, oneof))
            case true?:
                break
            }
        }
        return steps
    }

    func emitCodecs(_ model: MessageModel, into out: inout SourceWriter) throws {
        out.line()
        try out.block("extension \(model.qualifiedName)") { out in
            try emitWireSize(model, into: &out)
            out.line()
            try emitEncode(model, into: &out)
            out.line()
            emitDecode(model, into: &out)
        }
        for (index, nested) in model.nestedMessages {
            try emitCodecs(try nestedModel(nested, index: index, in: model), into: &out)
        }
    }

    /// `WireSize.singular(callID, fieldNumber: 1, WireUInt64.self)` and friends; `helper`
    /// is the family name shared by the size and write helpers.
    private func fieldCall(_ prefix: String, _ helper: String, _ value: String, _ field: FieldModel) -> String {
        let writerName = prefix == "WireSize." ? helper : "write" + helper.prefix(1).uppercased() + helper.dropFirst()
        if case .map(let key, let mapValue) = field.shape {
            return "\(prefix)\(writerName)(\(value), fieldNumber: \(field.number), \(key.codec).self, \(mapValue.codec).self)"
        }
        return "\(prefix)\(writerName)(\(value), fieldNumber: \(field.number), \(field.value.codec).self)"
    }

    private func helper(for field: FieldModel) -> String {
        switch field.shape {
        case .singular: "singular"
        case .present, .oneofMember: "present"
        case .repeated(let packed): packed ? "packed" : "repeated"
        case .map: "map"
        }
    }

    private func emitWireSize(_ model: MessageModel, into out: inout SourceWriter) throws {
        try out.block("public func wireSize() -> Int") { out in
            if model.fields.isEmpty {
                out.line("unknownFields.wireSize")
                return
            }
            out.line("var size = 0")
            try emitSteps(model, into: &out) { field, value in
                "size += " + fieldCall("WireSize.", helper(for: field), value, field)
            }
            out.line("size += unknownFields.wireSize")
            out.line("return size")
        }
    }

    private func emitEncode(_ model: MessageModel, into out: inout SourceWriter) throws {
        try out.block("public func encode(to writer: inout WireWriter)") { out in
            try emitSteps(model, into: &out) { field, value in
                fieldCall("writer.", helper(for: field), value, field)
            }
            out.line("unknownFields.write(to: &writer)")
        }
    }

    /// One line per field for the size or encode pass; `call` makes the line from the
    /// field and the expression holding its value.
    private func emitSteps(_ model: MessageModel, into out: inout SourceWriter, call: (FieldModel, String) -> String) throws {
        for step in encodeSteps(model) {
            switch step {
            case .field(let field):
                out.line(call(field, field.reference))
            case .oneof(let oneof):
                out.switchBlock(FieldModel.reference(oneof.name)) { out in
                    for member in oneof.members.sorted(by: { $0.number < $1.number }) {
                        out.line("case .\(Naming.escaped(member.name))(let value)?: \(call(member, "value"))")
                    }
                    out.line("case nil: break")
                }
            case .oneofMember(let member, let oneof):
                out.line("if case .\(Naming.escaped(member.name))(let value)? = \(FieldModel.reference(oneof.name)) { \(call(member, "value")) }")
            }
        }
    }

    private func emitDecode(_ model: MessageModel, into out: inout SourceWriter) {
        out.block("public mutating func decodeMessage(from reader: inout WireReader) throws(WireDecodingError)") { out in
            out.block("while let tag = try reader.nextTag()") { out in
                if model.fields.isEmpty {
                    out.line("try reader.keepUnknown(tag: tag, in: &unknownFields)")
                    return
                }
                out.switchBlock("tag.fieldNumber") { out in
                    for field in model.fields.sorted(by: { $0.number < $1.number }) {
                        emitDecodeCase(field, model: model, into: &out)
                    }
                    out.line("default: try reader.keepUnknown(tag: tag, in: &unknownFields)")
                }
            }
        }
    }

    private func emitDecodeCase(_ field: FieldModel, model: MessageModel, into out: inout SourceWriter) {
        let codec = field.value.codec
        let number = field.number
        switch field.shape {
        case .singular:
            out.line("case \(number): \(field.reference) = try reader.read(\(codec).self, tag: tag)")
        case .present:
            if field.value.isMessage {
                out.line("case \(number): try reader.mergeMessage(tag: tag, into: &\(field.reference))")
            } else {
                out.line("case \(number): \(field.reference) = try reader.read(\(codec).self, tag: tag)")
            }
        case .repeated:
            let reader = field.value.isPackable ? "readRepeated" : "readRepeatedElement"
            out.line("case \(number): try reader.\(reader)(\(codec).self, tag: tag, into: &\(field.reference))")
        case .map(let key, let value):
            out.line("case \(number): try reader.readMapEntry(\(key.codec).self, \(value.codec).self, tag: tag, into: &\(field.reference))")
        case .oneofMember(let index):
            guard let oneof = model.oneofs.first(where: { $0.index == index }) else { return }
            let property = FieldModel.reference(oneof.name)
            let caseName = Naming.escaped(field.name)
            if field.value.isMessage {
                // A second occurrence of the same member merges into the first, as for
                // any message field; a different member replaces it.
                out.line("case \(number):")
                out.line("    var value: \(field.value.swiftType)?")
                out.line("    if case .\(caseName)(let current)? = \(property) { value = current }")
                out.line("    try reader.mergeMessage(tag: tag, into: &value)")
                out.line("    \(property) = value.map(\(Naming.escaped(oneof.typeName)).\(caseName))")
            } else {
                out.line("case \(number): \(property) = .\(caseName)(try reader.read(\(codec).self, tag: tag))")
            }
        }
    }
}
