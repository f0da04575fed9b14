import Testing
import ServiceToolkit

@Suite struct PagingTests {
    @Test func aTokenContinuesTheListAndFilterItCameFrom() throws {
        let first = try Paging(pageSize: 2, pageToken: "", list: "children", filters: ["u_1"])
        let token = first.token(list: "children", after: ["Chi bộ A", "u_9"], hasMore: true)
        let next = try Paging(pageSize: 2, pageToken: token, list: "children", filters: ["u_1"])
        #expect(next.after == ["Chi bộ A", "u_9"])
        #expect(next.tokenList == "children")
    }

    @Test func aTokenFromAnotherListIsRefusedNamingPageToken() throws {
        let token = try Paging(pageSize: 2, pageToken: "", list: "children", filters: ["u_1"])
            .token(list: "children", after: ["x"], hasMore: true)
        #expect(refusedField { _ = try Paging(pageSize: 2, pageToken: token, list: "subtree", filters: ["u_1"]) }
            == "page_token")
    }

    @Test func aTokenFromTheSameListWithAnotherFilterIsRefused() throws {
        let token = try Paging(pageSize: 2, pageToken: "", list: "unit-search", filters: ["khe hóp", ""])
            .token(list: "unit-search", after: ["12"], hasMore: true)
        #expect(refusedField {
            _ = try Paging(pageSize: 2, pageToken: token, list: "unit-search", filters: ["bản mù", ""])
        } == "page_token")
        // Moving a value from one filter to the next is another filter too.
        let shifted = try Paging(pageSize: 2, pageToken: "", list: "l", filters: ["ab", "c"])
            .token(list: "l", after: ["1"], hasMore: true)
        #expect(refusedField { _ = try Paging(pageSize: 2, pageToken: shifted, list: "l", filters: ["a", "bc"]) }
            == "page_token")
    }

    @Test func aListServedInTwoOrdersAcceptsTokensOfEitherAndSaysWhich() throws {
        let orders: Set<String> = ["members-walk", "members-text"]
        let token = try Paging(pageSize: 5, pageToken: "", lists: orders, filters: ["an"])
            .token(list: "members-text", after: ["42"], hasMore: true)
        #expect(try Paging(pageSize: 5, pageToken: token, lists: orders, filters: ["an"]).tokenList == "members-text")
    }

    @Test func damagedOrHugeTokensAreRefused() {
        #expect(refusedField { _ = try Paging(pageSize: 1, pageToken: "not base64 ***", list: "l") } == "page_token")
        let huge = String(repeating: "A", count: 100_000)
        #expect(refusedField { _ = try Paging(pageSize: 1, pageToken: huge, list: "l") } == "page_token")
    }

    @Test func thePageSizeHasADefaultAndAMaximum() throws {
        #expect(try Paging(pageSize: 0, pageToken: "", list: "l").pageSize == Paging.defaultPageSize)
        #expect(try Paging(pageSize: 100_000, pageToken: "", list: "l").pageSize == Paging.maxPageSize)
        #expect(try Paging(pageSize: 100_000, pageToken: "", list: "l", maxPageSize: 5_000).pageSize == 5_000)
        #expect(refusedField { _ = try Paging(pageSize: -1, pageToken: "", list: "l") } == "page_size")
    }

    @Test func theLastPageHasNoToken() throws {
        #expect(try Paging(pageSize: 1, pageToken: "", list: "l").token(list: "l", after: ["x"], hasMore: false) == "")
    }
}
