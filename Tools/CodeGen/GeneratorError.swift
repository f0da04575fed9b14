/// Why the generator refuses its input; protoc prints the description and fails.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    case badParameter(String)
    case unsupported(file: String, what: String)
    case unknownType(String)
    case packageWithoutModule(package: String, file: String)
    case duplicateOutput(String)
    case undecodableRequest(String)

    public var description: String {
        switch self {
        case .badParameter(let reason): "protoc-gen-sotay parameter: \(reason)"
        case .unsupported(let file, let what): "\(file): \(what) is not supported"
        case .unknownType(let name): "type \(name) is not defined in any file protoc passed"
        case .packageWithoutModule(let package, let file):
            "\(file): package \(package) has no Swift module; add it to package_modules"
        case .duplicateOutput(let name): "two .proto files would both produce \(name)"
        case .undecodableRequest(let reason): "cannot decode the CodeGeneratorRequest: \(reason)"
        }
    }
}
