import Testing
@testable import CodeGen

@Suite struct EmissionTests {
    let parameter = "module=OrgContracts,services=true,package_modules=sotay.rpc.v1:RPCContracts;sotay.org.v1:OrgContracts"

    @Test func theResponseDeclaresProto3OptionalSupport() {
        var request = CodeGeneratorRequest()
        request.parameter = parameter
        #expect(Generator.respond(to: request).supportedFeatures == 1)
    }

    @Test func aProto3OptionalFieldIsAnOptionalNotAOneof() {
        // protoc gives `optional string nickname = 1;` a synthetic oneof `_nickname`.
        let profile = message("Profile", [field("nickname", 1, .string, oneof: 0, proto3Optional: true)], oneofs: ["_nickname"])
        let output = generate([protoFile("p.proto", package: "sotay.org.v1", messages: [profile])], parameter: parameter)
        #expect(output.error == nil)
        #expect(output.content.contains("public var nickname: String? = nil"))
        #expect(output.content.contains("WireSize.present(nickname, fieldNumber: 1, WireString.self)"))
        #expect(output.content.contains("case 1: nickname = try reader.read(WireString.self, tag: tag)"))
        #expect(!output.content.contains("enum Nickname"))
    }

    @Test func aOneofIsAnOptionalNestedEnum() {
        let note = message("Note", [
            field("text", 1, .string, oneof: 0),
            field("count", 2, .int64, oneof: 0),
        ], oneofs: ["body"])
        let output = generate([protoFile("n.proto", package: "sotay.org.v1", messages: [note])], parameter: parameter)
        #expect(output.content.contains("public var body: Body? = nil"))
        #expect(output.content.contains("public enum Body: Hashable, Sendable {\n        case text(String)\n        case count(Int64)\n    }"))
        #expect(output.content.contains("case .text(let value)?: writer.writePresent(value, fieldNumber: 1, WireString.self)"))
        #expect(output.content.contains("case 2: body = .count(try reader.read(WireInt64.self, tag: tag))"))
    }

    @Test func aMessageThatContainsItselfKeepsThatFieldInABox() {
        let node = message("Node", [
            field("parent", 1, .message, typeName: ".sotay.org.v1.Node"),
            field("children", 2, .message, typeName: ".sotay.org.v1.Node", repeated: true),
        ])
        let output = generate([protoFile("n.proto", package: "sotay.org.v1", messages: [node])], parameter: parameter)
        #expect(output.content.contains("private var _parent: WireBox<Node>? = nil"))
        #expect(output.content.contains("public var parent: Node? {"))
        // An array is already heap storage: no box.
        #expect(output.content.contains("public var children: [Node] = []"))
    }

    @Test func fieldsAreWrittenInFieldNumberOrder() {
        let item = message("Item", [field("late", 9, .int32), field("early", 2, .string)])
        let content = generate([protoFile("i.proto", package: "sotay.org.v1", messages: [item])], parameter: parameter).content
        let early = content.range(of: "writer.writeSingular(early")
        let late = content.range(of: "writer.writeSingular(late")
        #expect(early != nil && late != nil)
        if let early, let late { #expect(early.lowerBound < late.lowerBound) }
    }

    @Test func repeatedNumbersArePackedUnlessTheProtoSaysOtherwise() {
        var unpacked = field("legacy", 2, .int32, repeated: true)
        var options = FieldOptions()
        options.packed = false
        unpacked.options = options
        let item = message("Item", [field("scores", 1, .sint64, repeated: true), unpacked])
        let content = generate([protoFile("i.proto", package: "sotay.org.v1", messages: [item])], parameter: parameter).content
        #expect(content.contains("writer.writePacked(scores, fieldNumber: 1, WireSInt64.self)"))
        #expect(content.contains("writer.writeRepeated(legacy, fieldNumber: 2, WireInt32.self)"))
        #expect(content.contains("case 2: try reader.readRepeated(WireInt32.self, tag: tag, into: &legacy)"))
    }

    @Test func aTypeFromAnotherPackageIsQualifiedAndImported() {
        let status = message("Status", [field("message", 2, .string)])
        let rpc = protoFile("sotay/rpc/v1/status.proto", package: "sotay.rpc.v1", messages: [status])
        let reply = message("Reply", [field("status", 1, .message, typeName: ".sotay.rpc.v1.Status")])
        let org = protoFile("sotay/org/v1/reply.proto", package: "sotay.org.v1", messages: [reply],
                            dependencies: ["sotay/rpc/v1/status.proto"])
        let content = generate([rpc, org], parameter: parameter).content
        #expect(content.contains("import RPCContracts\n"))
        #expect(content.contains("public var status: RPCContracts.Status? = nil"))
    }

    @Test func aPackageWithoutAModuleIsAnError() {
        let other = protoFile("x/other.proto", package: "x.v1", messages: [message("Thing", [])])
        let user = protoFile("sotay/org/v1/u.proto", package: "sotay.org.v1",
                             messages: [message("User", [field("thing", 1, .message, typeName: ".x.v1.Thing")])])
        #expect(generate([other, user], parameter: parameter).error?.contains("package x.v1 has no Swift module") == true)
    }

    @Test func proto2IsRefused() {
        var file = protoFile("old.proto", package: "sotay.org.v1")
        file.syntax = "proto2"
        #expect(generate([file], parameter: parameter).error?.contains("only proto3") == true)
    }

    @Test func servicesBecomeAHandlerProtocolAndAClient() {
        var getUnit = MethodDescriptorProto()
        getUnit.name = "GetUnit"
        getUnit.inputType = ".sotay.org.v1.GetUnitRequest"
        getUnit.outputType = ".sotay.org.v1.Unit"
        var options = MethodOptions()
        options.idempotencyLevel = .idempotent
        getUnit.options = options
        var moveUnit = getUnit
        moveUnit.name = "MoveUnit"
        moveUnit.options = nil
        var service = ServiceDescriptorProto()
        service.name = "OrgService"
        service.method = [getUnit, moveUnit]
        let file = protoFile("sotay/org/v1/org.proto", package: "sotay.org.v1",
                             messages: [message("GetUnitRequest", []), message("Unit", [])], services: [service])
        let content = generate([file], parameter: parameter).content
        #expect(content.contains("import RPC\n"))
        #expect(content.contains("public protocol OrgServiceHandler: RPCService {"))
        #expect(content.contains("func getUnit(_ request: GetUnitRequest, context: CallContext) async throws -> Unit"))
        #expect(content.contains("public var serviceName: String { OrgServiceMethod.serviceName }"))
        #expect(content.contains("RPCMethod.unary(path: OrgServiceMethod.getUnit) { (request: GetUnitRequest, context) in"))
        #expect(content.contains("try await channel.unary(path: OrgServiceMethod.moveUnit, request: request,"))
        #expect(content.contains("public struct OrgServiceClient: Sendable {"))
        #expect(content.contains("response: Unit.self, idempotent: true, options: options)"))
        #expect(content.contains("response: Unit.self, idempotent: false, options: options)"))
    }

    @Test func everyServiceGetsItsMethodPathsAsConstants() {
        var check = MethodDescriptorProto()
        check.name = "Check"
        check.inputType = ".sotay.rpc.v1.Ping"
        check.outputType = ".sotay.rpc.v1.Ping"
        var service = ServiceDescriptorProto()
        service.name = "Health"
        service.method = [check]
        let file = protoFile("h.proto", package: "sotay.rpc.v1", messages: [message("Ping", [])], services: [service])
        let content = generate([file], parameter: "module=RPCContracts,package_modules=sotay.rpc.v1:RPCContracts").content
        #expect(content.contains("public enum HealthMethod {"))
        #expect(content.contains("public static let serviceName = \"sotay.rpc.v1.Health\""))
        #expect(content.contains("public static let check = \"/sotay.rpc.v1.Health/Check\""))
        #expect(content.contains("public static let allPaths: [String] = [check]"))
    }

    @Test func servicesAreLeftOutWhenTheParameterSaysSo() {
        var service = ServiceDescriptorProto()
        service.name = "Health"
        let file = protoFile("h.proto", package: "sotay.rpc.v1", services: [service])
        let content = generate([file], parameter: "module=RPCContracts,package_modules=sotay.rpc.v1:RPCContracts").content
        #expect(!content.contains("HealthHandler"))
        #expect(!content.contains("HealthClient"))
        #expect(!content.contains("import RPC\n"))
    }

    @Test func aMethodNamedLikeANamespaceMemberIsRefused() {
        var method = MethodDescriptorProto()
        method.name = "AllPaths"
        method.inputType = ".sotay.org.v1.Unit"
        method.outputType = ".sotay.org.v1.Unit"
        var service = ServiceDescriptorProto()
        service.name = "OrgService"
        service.method = [method]
        let file = protoFile("o.proto", package: "sotay.org.v1", messages: [message("Unit", [])], services: [service])
        #expect(generate([file], parameter: parameter).error?.contains("method name OrgService.AllPaths") == true)
    }

    @Test func enumsKeepUnknownNumbersAndListTheirCases() {
        var kind = EnumDescriptorProto()
        kind.name = "UnitKind"
        kind.value = [("UNIT_KIND_UNSPECIFIED", 0), ("UNIT_KIND_CELL", 1), ("UNIT_KIND_DEFAULT", 2)].map { (name: String, number: Int32) in
            var value = EnumValueDescriptorProto()
            value.name = name
            value.number = number
            return value
        }
        let content = generate([protoFile("k.proto", package: "sotay.org.v1", enums: [kind])], parameter: parameter).content
        #expect(content.contains("public enum UnitKind: WireEnum, CaseIterable {"))
        #expect(content.contains("case `default`\n"))
        #expect(content.contains("default: self = .unrecognized(rawValue)"))
        #expect(content.contains("public static let allCases: [UnitKind] = [.unspecified, .cell, .`default`]"))
        #expect(content.contains("private typealias _WireRuntimeVersion = WireGeneratedCodeVersion1"))
    }

    @Test func theOutputIsNamedAfterTheProto() {
        #expect(FileEmitter.outputName(for: "sotay/rpc/v1/frame.proto") == "frame.pb.swift")
    }
}
