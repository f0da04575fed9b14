// Services: a handler protocol the server side implements and a client over an
// RPCChannel (docs/generated-code.md, "Services"). Only unary methods exist.

extension FileEmitter {
    func emitService(_ service: ServiceDescriptorProto, sourcePath: [Int32], into out: inout SourceWriter) throws {
        let qualifiedService = file.package.isEmpty ? service.name : file.package + "." + service.name
        var methods: [(name: String, path: String, input: String, output: String, idempotent: Bool, doc: [String])] = []
        for (index, method) in service.method.enumerated() {
            if method.clientStreaming || method.serverStreaming {
                throw GeneratorError.unsupported(file: file.name, what: "streaming method \(service.name).\(method.name)")
            }
            let level = method.options?.idempotencyLevel ?? .idempotencyUnknown
            methods.append((
                name: Naming.escaped(Naming.methodName(method.name)),
                path: "/\(qualifiedService)/\(method.name)",
                input: try typeReference(method.inputType, scope: []),
                output: try typeReference(method.outputType, scope: []),
                idempotent: level == .idempotent || level == .noSideEffects,
                doc: comments.documentation(sourcePath + [2, Int32(index)])))
        }
        let serviceDoc = comments.documentation(sourcePath)

        out.line()
        out.lines(serviceDoc)
        out.block("public protocol \(service.name)Handler: RPCService") { out in
            for (position, method) in methods.enumerated() {
                if position > 0 { out.line() }
                out.lines(method.doc)
                out.line("func \(method.name)(_ request: \(method.input), context: CallContext) async throws -> \(method.output)")
            }
        }
        out.line()
        out.block("extension \(service.name)Handler") { out in
            out.line("public var serviceName: String { \"\(qualifiedService)\" }")
            out.line()
            out.block("public var methods: [RPCMethod]") { out in
                if methods.isEmpty {
                    out.line("[]")
                    return
                }
                out.line("[")
                for method in methods {
                    out.line("    RPCMethod.unary(path: \"\(method.path)\") { (request: \(method.input), context) in")
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
            for method in methods {
                out.line()
                out.lines(method.doc)
                out.block("public func \(method.name)(_ request: \(method.input), options: CallOptions = CallOptions()) async throws -> \(method.output)") { out in
                    out.line("try await channel.unary(path: \"\(method.path)\", request: request,")
                    out.line("                        response: \(method.output).self, idempotent: \(method.idempotent), options: options)")
                }
            }
        }
    }
}
