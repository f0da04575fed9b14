/// The plugin's work: a CodeGeneratorRequest in, a CodeGeneratorResponse out, with one
/// `<name>.pb.swift` per requested .proto, or an error protoc shows to the user.
public enum Generator {
    public static func respond(to request: CodeGeneratorRequest) -> CodeGeneratorResponse {
        var response = CodeGeneratorResponse()
        response.supportedFeatures = CodeGeneratorResponse.featureProto3Optional
        do {
            response.file = try generate(request)
        } catch let error as GeneratorError {
            response.error = error.description
        } catch {
            response.error = "\(error)"
        }
        return response
    }

    static func generate(_ request: CodeGeneratorRequest) throws -> [CodeGeneratorResponse.File] {
        let options = try GeneratorOptions(parameter: request.parameter)
        let filesByName = Dictionary(request.protoFile.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let generated = try request.fileToGenerate.map { name in
            guard let file = filesByName[name] else { throw GeneratorError.undecodableRequest("\(name) has no descriptor") }
            return file
        }
        let registry = TypeRegistry(files: request.protoFile, options: options,
                                    generatedPackages: Set(generated.map(\.package)))
        var outputs: [CodeGeneratorResponse.File] = []
        var names: Set<String> = []
        for file in generated {
            let name = FileEmitter.outputName(for: file.name)
            guard names.insert(name).inserted else { throw GeneratorError.duplicateOutput(name) }
            let content = try FileEmitter(file: file, registry: registry, options: options).emit()
            outputs.append(CodeGeneratorResponse.File(name: name, content: content))
        }
        return outputs
    }
}
