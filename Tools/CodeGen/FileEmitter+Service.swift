// Services: a namespace of method paths (always), and when services are on a handler
// protocol the server side implements and a client over an RPCChannel
// (docs/generated-code.md, "Services"). Only unary methods exist.

extension FileEmitter {
    /// One method as the emitted code names it.
    struct ServiceMethod {
        /// The Swift name: `getUnit`.
        let name: String
        /// On the wire: "/sotay.org.v1.OrgService/GetUnit".
        let path: String
    }

    /// `OrgService` → `OrgServiceMethod`: where the paths of its methods live.
    static func methodNamespace(of service: ServiceDescriptorProto) -> String {
        service.name + "Method"
    }

    /// The namespace's members besides one constant per method.
    static let methodNamespaceMembers: Set<String> = ["serviceName", "allPaths"]

    func emitService(_ service: ServiceDescriptorProto, sourcePath: [Int32], into out: inout SourceWriter) throws {
        let qualifiedService = file.package.isEmpty ? service.name : file.package + "." + service.name
        let methods = try service.method.map { method in
            if method.clientStreaming || method.serverStreaming {
                throw GeneratorError.unsupported(file: file.name, what: "streaming method \(service.name).\(method.name)")
            }
            let name = Naming.escaped(Naming.methodName(method.name))
            if Self.methodNamespaceMembers.contains(name) {
                throw GeneratorError.unsupported(file: file.name, what: "method name \(service.name).\(method.name)")
            }
            return ServiceMethod(name: name, path: "/\(qualifiedService)/\(method.name)")
        }
        emitMethodNamespace(service, qualifiedService: qualifiedService, methods: methods, into: &out)
        guard options.services else { return }
        imports.insert(options.rpcModule)
        let namespace = Self.methodNamespace(of: service)
        let serviceDoc = comments.documentation(sourcePath)
        var signatures: [(input: String, output: String, idempotent: Bool, doc: [String])] = []
        for (index, method) in service.method.enumerated() {
            let level = method.options?.idempotencyLevel ?? .idempotencyUnknown
            signatures.append((input: try typeReference(method.inputType, scope: []),
                               output: try typeReference(method.outputType, scope: []),
                               idempotent: level == .idempotent || level == .noSideEffects,
                               doc: comments.documentation(sourcePath + [2, Int32(index)])))
        }

        out.line()
        out.lines(serviceDoc)
        out.block("public protocol \(service.name)Handler: RPCService") { out in
            for (position, (method, signature)) in zip(methods, signatures).enumerated() {
                if position > 0 { out.line() }
                out.lines(signature.doc)
                out.line("func \(method.name)(_ request: \(signature.input), context: CallContext) async throws -> \(signature.output)")
            }
        }
        out.line()
        out.block("extension \(service.name)Handler") { out in
            out.line("public var serviceName: String { \(namespace).serviceName }")
            out.line()
            out.block("public var methods: [RPCMethod]") { out in
                if methods.isEmpty {
                    out.line("[]")
                    return
                }
                out.line("[")
                for (method, signature) in zip(methods, signatures) {
                    out.line("    RPCMethod.unary(path: \(namespace).\(method.name)) { (request: \(signature.input), context) in")
                    out.line("        try await self.\(method.name)(request, context: context)")
                    out.line("    },")
                }
                out.line("]")
            }
        }
        out.line()
        out.lines(serviceDoc)
        out.block("public struct \(service.name)Client: Sendable") { out in
            out.line("public let channel: RPCChannel")
            out.line()
            out.line("public init(channel: RPCChannel) { self.channel = channel }")
            for (method, signature) in zip(methods, signatures) {
                out.line()
                out.lines(signature.doc)
                out.block("public func \(method.name)(_ request: \(signature.input), options: CallOptions = CallOptions()) async throws -> \(signature.output)") { out in
                    out.line("try await channel.unary(path: \(namespace).\(method.name), request: request,")
                    out.line("                        response: \(signature.output).self, idempotent: \(signature.idempotent), options: options)")
                }
            }
        }
    }

    /// The service's name and its methods' paths as constants, so that code naming a
    /// method (a list of public methods, a health probe, metrics) cannot mistype it.
    /// Emitted with or without services: it needs nothing from the RPC runtime.
    private func emitMethodNamespace(
        _ service: ServiceDescriptorProto, qualifiedService: String, methods: [ServiceMethod], into out: inout SourceWriter
    ) {
        out.line()
        out.line("/// The methods of `\(qualifiedService)` by their paths on the wire.")
        out.block("public enum \(Self.methodNamespace(of: service))") { out in
            out.line("public static let serviceName = \"\(qualifiedService)\"")
            for method in methods {
                out.line()
                out.line("/// `\(method.path)`")
                out.line("public static let \(method.name) = \"\(method.path)\"")
            }
            out.line()
            out.line("/// Every method's path, in the order of the .proto.")
            out.line("public static let allPaths: [String] = [\(methods.map(\.name).joined(separator: ", "))]")
        }
    }
}
