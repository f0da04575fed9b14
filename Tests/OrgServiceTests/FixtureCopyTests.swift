import OrgContracts
import OrgService
import ServiceTestSupport
import Testing

/// The small-tree fixture other services' tests start from: built once, and each test
/// gets a copy of its own that no other test sees.
@Suite struct FixtureCopyTests {
    @Test func eachTestGetsItsOwnCopyOfTheSmallTree() async throws {
        let (template, tree) = try await OrgFixture.smallTree()
        let added = try await withTestEnvironment("fixture-a", copying: template) { environment in
            let org = OrgServiceClient(channel: try await environment.start(OrgServiceDefinition.definition).channel)
            var request = CreateUnitRequest()
            request.parentID = tree.commune
            request.code = "YB-KH-3"
            request.name = "Chi bộ thôn Nà Hẩu"
            request.kind = .cell
            request.cellType = .villageResidential
            return try await org.createUnit(request, options: try environment.tokens.asAdmin(of: tree.province)).id
        }
        try await withTestEnvironment("fixture-b", copying: template) { environment in
            let org = OrgServiceClient(channel: try await environment.start(OrgServiceDefinition.definition).channel)
            var children = ListChildrenRequest()
            children.unitID = tree.commune
            let listed = try await org.listChildren(children, options: try environment.tokens.asAdmin(of: tree.province))
            #expect(Set(listed.units.map(\.id)) == [tree.cellA, tree.cellB])
            #expect(!listed.units.map(\.id).contains(added))
            var get = GetMemberRequest()
            get.memberID = tree.member("Lan").memberID
            let lan = try await org.getMember(get, options: try environment.tokens.asAdmin(of: tree.province))
            #expect(lan.fullName == "Nguyễn Thị Lan")
        }
    }
}
