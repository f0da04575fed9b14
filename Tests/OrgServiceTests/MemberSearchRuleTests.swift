import OrgContracts
@testable import OrgService
import RPC
import Store
import ServiceToolkit
import Testing

/// Member search has two paths, a walk of the subtree's units for a small subtree and
/// the full-text index for a large one; they must find the same people. A page token
/// says which path a search continues on, so the tests start each path with one.
@Suite struct MemberSearchRuleTests {
    static let names = [
        "Đỗ Văn An", "Đoàn Văn Đông", "Văn Đỗ Bình", "Đỗ Thị Mai Giang", "ÐINH MAI GIANG", "Nguyễn Văn Hùng",
        "Lê Thị Mai", "Trần-Đức Anh",
    ]

    static let queries = [
        ("do van", ["Đỗ Văn An", "Đoàn Văn Đông", "Văn Đỗ Bình"]),
        ("d mai giang", ["Đỗ Thị Mai Giang", "ÐINH MAI GIANG"]),
        ("đinh", ["ÐINH MAI GIANG"]),
        ("Ðỗ", ["Đỗ Văn An", "Đoàn Văn Đông", "Văn Đỗ Bình", "Đỗ Thị Mai Giang"]),
        ("mai", ["Đỗ Thị Mai Giang", "ÐINH MAI GIANG", "Lê Thị Mai"]),
        ("duc", ["Trần-Đức Anh"]),
        ("an", ["Đỗ Văn An", "Trần-Đức Anh"]),
        ("van hung nguyen", ["Nguyễn Văn Hùng"]),
        ("ai", []),
    ]

    @Test func bothPathsFindEveryoneWhoseNameHasAWordBeginningWithEachQueryWord() async throws {
        try await OrgHarness.with { harness in
            let tree = try await harness.smallTree()
            let admin = try harness.asAdmin(of: tree.province.id)
            for (index, name) in Self.names.enumerated() {
                _ = try await harness.createMember(name, card: "YB-\(500 + index)", in: index % 2 == 0 ? tree.cellA.id : tree.cellC.id,
                                                   as: admin)
            }
            for (query, expected) in Self.queries {
                var search = SearchMembersRequest()
                search.withinUnitID = tree.province.id
                search.query = query
                search.pageSize = 2
                // A subtree this small is walked; a token from the index path continues there.
                let walked = try await Self.everyPage(search, startingWith: "", harness: harness, as: admin)
                let indexToken = try Paging(pageSize: 2, pageToken: "", lists: MemberQueries.searchLists,
                                            filters: [try TextInput.searchQuery(query), tree.province.id])
                    .token(list: "members-text", after: ["0"], hasMore: true)
                let indexed = try await Self.everyPage(search, startingWith: indexToken, harness: harness, as: admin)
                #expect(walked.sorted() == expected.sorted(), "walking for '\(query)'")
                #expect(indexed.sorted() == expected.sorted(), "the index for '\(query)'")
            }
        }
    }

    static func everyPage(_ request: SearchMembersRequest, startingWith token: String, harness: OrgHarness,
                          as options: CallOptions) async throws -> [String] {
        var request = request
        request.pageToken = token
        var names: [String] = []
        repeat {
            let page = try await harness.org.searchMembers(request, options: options)
            names += page.members.map(\.fullName)
            request.pageToken = page.nextPageToken
        } while !request.pageToken.isEmpty
        return names
    }

    @Test func theLookAlikeOfĐFoldsLikeĐ() {
        #expect(TextFolding.fold("Ðinh ðức") == TextFolding.fold("Đinh đức"))
        #expect(TextFolding.fold("ÐINH") == "dinh")
    }

    @Test func everyQueryWordIsAPrefixInTheMatchExpression() {
        #expect(FullTextQuery.matchExpression(for: "Đỗ Văn") == #""do"* "van"*"#)
        #expect(FullTextQuery.matches(FullTextQuery.words(of: "d mai"), in: "Đỗ Thị Mai Giang"))
        #expect(!FullTextQuery.matches(FullTextQuery.words(of: "hong"), in: "Nguyễn Thị Hồ"))
    }
}
