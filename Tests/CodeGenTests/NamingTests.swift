import Testing
@testable import CodeGen

@Suite struct NamingTests {
    @Test func snakeCaseFieldsBecomeLowerCamelCase() {
        #expect(Naming.lowerCamelCase("method") == "method")
        #expect(Naming.lowerCamelCase("field_violations") == "fieldViolations")
        #expect(Naming.lowerCamelCase("f_int32") == "fInt32")
    }

    @Test func idIdsUrlAndMsAreInitialismsWhenTheyAreAWholeWord() {
        #expect(Naming.lowerCamelCase("call_id") == "callID")
        #expect(Naming.lowerCamelCase("unit_ids") == "unitIDs")
        #expect(Naming.lowerCamelCase("ancestor_unit_ids") == "ancestorUnitIDs")
        #expect(Naming.lowerCamelCase("timeout_ms") == "timeoutMS")
        #expect(Naming.lowerCamelCase("avatar_url") == "avatarURL")
        #expect(Naming.lowerCamelCase("id") == "id")
        #expect(Naming.lowerCamelCase("idea_count") == "ideaCount")
    }

    @Test func enumValuesLoseTheEnumNameAsPrefix() {
        #expect(Naming.enumCaseName("FRAME_KIND_REQUEST", enumName: "FrameKind") == "request")
        #expect(Naming.enumCaseName("ROLE_CELL_SECRETARY", enumName: "Role") == "cellSecretary")
        #expect(Naming.enumCaseName("SERVING_STATUS_UNKNOWN", enumName: "ServingStatus") == "unknown")
        #expect(Naming.enumCaseName("NOT_SERVING", enumName: "ServingStatus") == "notServing")
        #expect(Naming.enumCaseName("INVALID_ARGUMENT", enumName: "StatusCode") == "invalidArgument")
        #expect(Naming.enumCaseName("OK", enumName: "StatusCode") == "ok")
    }

    @Test func thePrefixStaysWhenWhatIsLeftIsNotAName() {
        #expect(Naming.enumCaseName("KIND_2FA", enumName: "Kind") == "kind2fa")
        #expect(Naming.enumCaseName("KIND", enumName: "Kind") == "kind")
    }

    @Test func camelCaseTypeNamesBecomeUpperSnakePrefixes() {
        #expect(Naming.upperSnakeCase("FrameKind") == "FRAME_KIND")
        #expect(Naming.upperSnakeCase("HTTPRoute") == "HTTP_ROUTE")
        #expect(Naming.upperSnakeCase("Role") == "ROLE")
    }

    @Test func swiftKeywordsAreEscapedWithBackticks() {
        #expect(Naming.escaped("default") == "`default`")
        #expect(Naming.escaped("protocol") == "`protocol`")
        #expect(Naming.escaped("status") == "status")
    }

    @Test func methodAndOneofNames() {
        #expect(Naming.methodName("GetUnit") == "getUnit")
        #expect(Naming.upperCamelCase("choice") == "Choice")
        #expect(Naming.upperCamelCase("sort_order") == "SortOrder")
    }

    @Test func theParameterNamesTheModuleServicesAndPackageModules() throws {
        let options = try GeneratorOptions(
            parameter: "module=OrgContracts,services=true,package_modules=sotay.rpc.v1:RPCContracts;sotay.org.v1:OrgContracts")
        #expect(options == GeneratorOptions(
            module: "OrgContracts", services: true,
            packageModules: ["sotay.rpc.v1": "RPCContracts", "sotay.org.v1": "OrgContracts"]))
    }

    @Test func aBadParameterIsRefusedWithItsReason() {
        #expect(throws: GeneratorError.badParameter("unknown option 'colour'")) {
            try GeneratorOptions(parameter: "module=X,colour=red")
        }
        #expect(throws: GeneratorError.badParameter("module=<SwiftModule> is required")) {
            try GeneratorOptions(parameter: "services=true")
        }
    }
}
