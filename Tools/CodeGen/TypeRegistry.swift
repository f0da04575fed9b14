// Every message and enum protoc passed (the files to generate and all they import),
// by fully qualified proto name, with the Swift module and path each becomes.

struct TypeRegistry {
    enum Kind {
        case message(DescriptorProto)
        case enumeration(EnumDescriptorProto)
    }

    struct Entry {
        var kind: Kind
        /// The Swift module, or nil when the package has none in `package_modules` (an
        /// error only if a generated file refers to the type).
        var module: String?
        var package: String
        /// Names from the module's top level: ["HealthCheckResponse", "ServingStatus"].
        var swiftPath: [String]
    }

    private(set) var entries: [String: Entry] = [:]

    init(files: [FileDescriptorProto], options: GeneratorOptions, generatedPackages: Set<String>) {
        for file in files {
            let module = options.packageModules[file.package]
                ?? (generatedPackages.contains(file.package) ? options.module : nil)
            let scope = file.package.isEmpty ? "" : "." + file.package
            for message in file.messageType {
                register(message, scope: scope, swiftPath: [], module: module, file: file)
            }
            for enumeration in file.enumType {
                entries[scope + "." + enumeration.name] = Entry(
                    kind: .enumeration(enumeration), module: module, package: file.package,
                    swiftPath: [enumeration.name])
            }
        }
    }

    private mutating func register(
        _ message: DescriptorProto, scope: String, swiftPath: [String], module: String?, file: FileDescriptorProto
    ) {
        let fullName = scope + "." + message.name
        let path = swiftPath + [message.name]
        entries[fullName] = Entry(kind: .message(message), module: module, package: file.package, swiftPath: path)
        for nested in message.nestedType {
            register(nested, scope: fullName, swiftPath: path, module: module, file: file)
        }
        for enumeration in message.enumType {
            entries[fullName + "." + enumeration.name] = Entry(
                kind: .enumeration(enumeration), module: module, package: file.package,
                swiftPath: path + [enumeration.name])
        }
    }

    func entry(_ fullName: String) throws(GeneratorError) -> Entry {
        guard let entry = entries[fullName] else { throw .unknownType(fullName) }
        return entry
    }

    /// Whether a singular field of type `target` inside `owner` closes a cycle, so that
    /// the struct would contain itself: then the field must live in a box.
    func closesCycle(owner: String, target: String) -> Bool {
        var seen: Set<String> = []
        var pending = [target]
        while let current = pending.popLast() {
            if current == owner { return true }
            guard seen.insert(current).inserted, case .message(let message)? = entries[current]?.kind else { continue }
            for field in message.field where field.type == .message && field.label != .repeated {
                pending.append(field.typeName)
            }
        }
        return false
    }
}
