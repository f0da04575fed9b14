// protoc plugin: protoc writes a CodeGeneratorRequest to stdin and reads the
// CodeGeneratorResponse from stdout (docs/generated-code.md, "Plugin parameter").
import CodeGen
import Foundation
import Wire

let input = FileHandle.standardInput.readDataToEndOfFile()
let response: CodeGeneratorResponse
do {
    response = Generator.respond(to: try CodeGeneratorRequest(wireEncoded: [UInt8](input)))
} catch {
    var failure = CodeGeneratorResponse()
    failure.error = GeneratorError.undecodableRequest("\(error)").description
    response = failure
}
FileHandle.standardOutput.write(Data(response.wireEncoded()))
