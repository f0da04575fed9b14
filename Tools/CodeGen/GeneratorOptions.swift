// The plugin parameter (docs/generated-code.md, "Plugin parameter"), e.g.
// `module=OrgContracts,services=true,package_modules=sotay.rpc.v1:RPCContracts;sotay.org.v1:OrgContracts`.

public struct GeneratorOptions: Equatable, Sendable {
    /// The Swift module the generated files belong to.
    public var module: String
    /// Whether services become handler protocols and clients.
    public var services: Bool
    /// The module of each proto package, so references across packages are qualified
    /// and imported.
    public var packageModules: [String: String]
    /// The module that declares RPCService, RPCChannel and the rest (Shared/RPC).
    public var rpcModule: String

    public init(module: String, services: Bool = false, packageModules: [String: String] = [:], rpcModule: String = "RPC") {
        self.module = module
        self.services = services
        self.packageModules = packageModules
        self.rpcModule = rpcModule
    }

    public init(parameter: String) throws(GeneratorError) {
        var module: String?
        var services = false
        var packageModules: [String: String] = [:]
        var rpcModule = "RPC"
        for option in parameter.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw .badParameter("expected key=value, got '\(option)'") }
            let (key, value) = (parts[0].trimmed, parts[1].trimmed)
            switch key {
            case "module": module = value
            case "rpc_module": rpcModule = value
            case "services":
                guard let flag = Bool(value) else { throw .badParameter("services must be true or false, got '\(value)'") }
                services = flag
            case "package_modules":
                for pair in value.split(separator: ";", omittingEmptySubsequences: true) {
                    let mapping = pair.split(separator: ":", maxSplits: 1).map(String.init)
                    guard mapping.count == 2 else {
                        throw .badParameter("package_modules expects package:Module, got '\(pair)'")
                    }
                    packageModules[mapping[0].trimmed] = mapping[1].trimmed
                }
            default: throw .badParameter("unknown option '\(key)'")
            }
        }
        guard let module, !module.isEmpty else { throw .badParameter("module=<SwiftModule> is required") }
        self.init(module: module, services: services, packageModules: packageModules, rpcModule: rpcModule)
    }
}

extension String {
    fileprivate var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
