// Enums: a Swift enum per proto enum, with a case for numbers this code does not know.

extension FileEmitter {
    /// The Swift case of each distinct number, in declaration order, and the aliases
    /// (`allow_alias` values sharing a number), which become static lets.
    func enumCases(of enumeration: EnumDescriptorProto) -> (cases: [(value: EnumValueDescriptorProto, index: Int, name: String)], aliases: [(name: String, target: String)]) {
        var cases: [(value: EnumValueDescriptorProto, index: Int, name: String)] = []
        var aliases: [(name: String, target: String)] = []
        var caseByNumber: [Int32: String] = [:]
        for (index, value) in enumeration.value.enumerated() {
            var name = Naming.enumCaseName(value.name, enumName: enumeration.name)
            if FileEmitter.reservedCaseNames.contains(name) { name += "_" }
            if let target = caseByNumber[value.number] {
                aliases.append((name, target))
            } else {
                caseByNumber[value.number] = name
                cases.append((value, index, name))
            }
        }
        return (cases, aliases)
    }

    /// Members every generated enum has, which a value may not be named.
    static let reservedCaseNames: Set<String> = ["unrecognized", "rawValue", "allCases", "init"]

    /// The case for number 0, the proto3 default (the first value if none is 0).
    func defaultCaseName(of enumeration: EnumDescriptorProto) -> String {
        let cases = enumCases(of: enumeration).cases
        return (cases.first { $0.value.number == 0 } ?? cases.first)?.name ?? "unrecognized(0)"
    }

    func emitEnum(_ enumeration: EnumDescriptorProto, sourcePath: [Int32], into out: inout SourceWriter) {
        let typeName = Naming.escaped(enumeration.name)
        let (cases, aliases) = enumCases(of: enumeration)
        out.lines(comments.documentation(sourcePath))
        out.block("public enum \(typeName): WireEnum, CaseIterable") { out in
            for item in cases {
                out.lines(comments.documentation(sourcePath + [2, Int32(item.index)]))
                out.line("case \(Naming.escaped(item.name))")
            }
            out.line("/// A number this code does not know, kept so that it is written back as it came.")
            out.line("case unrecognized(Int32)")
            out.line()
            out.line("public init() { self = .\(Naming.escaped(defaultCaseName(of: enumeration))) }")
            out.line()
            out.block("public init(rawValue: Int32)") { out in
                out.switchBlock("rawValue") { out in
                    for item in cases { out.line("case \(item.value.number): self = .\(Naming.escaped(item.name))") }
                    out.line("default: self = .unrecognized(rawValue)")
                }
            }
            out.line()
            out.block("public var rawValue: Int32") { out in
                out.switchBlock("self") { out in
                    for item in cases { out.line("case .\(Naming.escaped(item.name)): \(item.value.number)") }
                    out.line("case .unrecognized(let value): value")
                }
            }
            out.line()
            let all = cases.map { "." + Naming.escaped($0.name) }
            let oneLine = "public static let allCases: [\(typeName)] = [\(all.joined(separator: ", "))]"
            if oneLine.count <= 100 {
                out.line(oneLine)
            } else {
                out.line("public static let allCases: [\(typeName)] = [")
                out.lines(all.map { "    \($0)," })
                out.line("]")
            }
            for alias in aliases {
                out.line()
                out.line("/// An alias (`allow_alias`) of `.\(alias.target)`.")
                out.line("public static let \(Naming.escaped(alias.name)): \(typeName) = .\(Naming.escaped(alias.target))")
            }
        }
    }
}
