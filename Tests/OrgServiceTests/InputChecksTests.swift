import OrgContracts
import RPC
import TestSupport
import Testing

/// Every text input is bounded and checked before any work, and lists and keyed writes
/// refuse tokens and keys that belong to something else (docs/toolkit.md).
@Suite struct InputChecksTests {
    @Test func aHugeSearchQueryIsRefusedNamingTheQuery() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            var units = SearchUnitsRequest()
            units.query = String(repeating: "khe hóp ", count: 150_000 / 8)
            #expect(await refusedField { _ = try await harness.org.searchUnits(units, options: admin) } == "query")
            var members = SearchMembersRequest()
            members.withinUnitID = tree.commune.id
            members.query = (1...1_000).map { "từ\($0)" }.joined(separator: " ")
            #expect(await refusedField { _ = try await harness.org.searchMembers(members, options: admin) } == "query")
            members.query = String(repeating: "a", count: 50_000)
            #expect(await refusedField { _ = try await harness.org.searchMembers(members, options: admin) } == "query")
        }
    }

    @Test func aNameWithANulOrABidiOverrideIsRefusedAndNothingIsStored() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            #expect(await refusedField {
                _ = try await harness.createUnit("Chi bộ \u{0} 🙂", kind: .cell, cellType: .enterprise, under: tree.commune.id,
                                                 as: admin)
            } == "name")
            #expect(await refusedField {
                _ = try await harness.createMember("Nguyễn \u{202E}nA", card: "YB-77", in: tree.cellA.id, as: admin)
            } == "member.full_name")
            var rename = RenameUnitRequest()
            rename.unitID = tree.cellA.id
            rename.name = "Chi bộ thôn Khe Hóp"
            rename.reason = "lý do\u{1B}[31m"
            #expect(await refusedField { _ = try await harness.org.renameUnit(rename, options: admin) } == "reason")
            var children = ListChildrenRequest()
            children.unitID = tree.commune.id
            #expect(try await harness.org.listChildren(children, options: admin).units.map(\.name).sorted()
                    == ["Chi bộ thôn Bản Mù", "Chi bộ thôn Khe Hóp"])
        }
    }

    @Test func aDecomposedNameIsStoredComposed() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            let unit = try await harness.createUnit("Chi bo\u{0323}\u{0302} tho\u{0302}n Na\u{0300}", kind: .cell,
                                                    cellType: .villageResidential, under: tree.commune.id, as: admin)
            #expect(Array(unit.name.unicodeScalars) == Array("Chi b\u{1ED9} th\u{F4}n N\u{E0}".unicodeScalars))
        }
    }

    @Test func aPageTokenFromAnotherListOrUnitIsRefused() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            var children = ListChildrenRequest()
            children.unitID = tree.commune.id
            children.pageSize = 1
            let token = try await harness.org.listChildren(children, options: admin).nextPageToken
            #expect(!token.isEmpty)
            var subtree = ListSubtreeRequest()
            subtree.unitID = tree.commune.id
            subtree.pageToken = token
            #expect(await refusedField { _ = try await harness.org.listSubtree(subtree, options: admin) } == "page_token")
            children.unitID = tree.province.id
            children.pageToken = token
            #expect(await refusedField { _ = try await harness.org.listChildren(children, options: admin) } == "page_token")
            children.unitID = tree.commune.id
            #expect(try await harness.org.listChildren(children, options: admin).units.count == 1)
        }
    }

    @Test func aKeyReusedForADifferentUnitIsRefused() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            var request = CreateUnitRequest()
            request.parentID = tree.commune.id
            request.code = "KH-05"
            request.name = "Chi bộ thôn Nà Lừu"
            request.kind = .cell
            request.cellType = .villageResidential
            request.idempotencyKey = "create-na-luu"
            _ = try await harness.org.createUnit(request, options: admin)
            request.name = "Chi bộ thôn Khác"
            #expect(await refusedField { _ = try await harness.org.createUnit(request, options: admin) } == "idempotency_key")
        }
    }

    @Test func aBirthDateThatIsNotOnTheCalendarOrInTheFutureIsRefused() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            #expect(await refusedField {
                _ = try await harness.createMember("Lò Văn Sáng", card: "YB-80", birthDate: "1990-02-31", in: tree.cellA.id,
                                                   as: admin)
            } == "member.birth_date")
            #expect(await refusedField {
                _ = try await harness.createMember("Lò Văn Sáng", card: "YB-80", birthDate: "2190-01-01", in: tree.cellA.id,
                                                   as: admin)
            } == "member.birth_date")
        }
    }
}
