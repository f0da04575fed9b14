import RPC
import ServiceKit

/// Paged lists (DESIGN.md §5): a page size within bounds and an opaque page token
/// that carries where the previous page stopped (a sort key). Clients must not build
/// tokens; the server checks that one came from it for the same kind of list.
struct Paging {
    static let defaultPageSize = 50
    static let maxPageSize = 500

    let pageSize: Int
    /// The sort key after which this page starts; nil on the first page.
    let after: [String]?
    /// Which of the accepted lists the token came from; nil on the first page.
    let tokenList: String?

    /// `list` names the kind of list so a token from one list is refused by another.
    init(pageSize: Int32, pageToken: String, list: String, maxPageSize: Int = Paging.maxPageSize) throws(RPCError) {
        try self.init(pageSize: pageSize, pageToken: pageToken, lists: [list], maxPageSize: maxPageSize)
    }

    /// For a list served in more than one order (the token says which it continues).
    init(pageSize: Int32, pageToken: String, lists: Set<String>, maxPageSize: Int = Paging.maxPageSize) throws(RPCError) {
        guard pageSize >= 0 else { throw RPCError.invalidArgument(field: "page_size", "must not be negative") }
        self.pageSize = pageSize == 0 ? Self.defaultPageSize : min(Int(pageSize), maxPageSize)
        guard !pageToken.isEmpty else {
            after = nil
            tokenList = nil
            return
        }
        guard let bytes = Base64URL.decode(Substring(pageToken)),
              let text = String(validating: bytes, as: UTF8.self) else {
            throw RPCError.invalidArgument(field: "page_token", "is not a token this server gave out")
        }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard let list = parts.first, lists.contains(list), parts.count > 1 else {
            throw RPCError.invalidArgument(field: "page_token", "belongs to another list or is damaged")
        }
        tokenList = list
        after = Array(parts.dropFirst())
    }

    /// The token for the page after one that ended with `key`; empty when `hasMore`
    /// is false.
    static func token(list: String, after key: [String], hasMore: Bool) -> String {
        guard hasMore else { return "" }
        return Base64URL.encode(Array(([list] + key).joined(separator: "\u{1F}").utf8))
    }
}
