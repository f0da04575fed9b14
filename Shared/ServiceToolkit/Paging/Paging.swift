import Foundation
import RPC
import ServiceKit

/// Paged lists (docs/architecture.md §5): a page size within bounds and an opaque page token
/// that carries where the previous page stopped (a sort key) and a fingerprint of the
/// list it belongs to: the list's name and the values of its filters. A token from
/// another list, or from the same list with another filter (another unit, another
/// query), is refused instead of silently continuing a different list. Clients must
/// not build tokens; they are not secret, only checked.
public struct Paging: Sendable {
    public static let defaultPageSize = 50
    public static let maxPageSize = 500
    /// Longer than any token this server gives out; checked before decoding.
    static let maxTokenLength = 4_096
    /// Separates the token's parts; text checks refuse control characters in the
    /// filters, so it cannot appear inside one.
    static let separator = "\u{1F}"

    public let pageSize: Int
    /// The sort key after which this page starts; nil on the first page.
    public let after: [String]?
    /// Which of the accepted orders the token came from; nil on the first page.
    public let tokenList: String?
    /// Hex digest of the accepted list names and the filter values.
    private let fingerprint: String

    /// `list` names the kind of list (usually the method); `filters` are the request's
    /// filter values, in a fixed order, so a token is accepted only by the same query.
    public init(pageSize: Int32, pageToken: String, list: String, filters: [String] = [],
                maxPageSize: Int = Paging.maxPageSize) throws(RPCError) {
        try self.init(pageSize: pageSize, pageToken: pageToken, lists: [list], filters: filters, maxPageSize: maxPageSize)
    }

    /// For a list served in more than one order (the token says which it continues).
    public init(pageSize: Int32, pageToken: String, lists: Set<String>, filters: [String] = [],
                maxPageSize: Int = Paging.maxPageSize) throws(RPCError) {
        guard pageSize >= 0 else { throw RPCError.invalidArgument(field: "page_size", "must not be negative") }
        self.pageSize = pageSize == 0 ? min(Self.defaultPageSize, maxPageSize) : min(Int(pageSize), maxPageSize)
        fingerprint = try Self.fingerprint(lists: lists, filters: filters)
        guard !pageToken.isEmpty else {
            after = nil
            tokenList = nil
            return
        }
        guard pageToken.utf8.count <= Self.maxTokenLength, let bytes = Base64URL.decode(Substring(pageToken)),
              let text = String(validating: bytes, as: UTF8.self) else {
            throw RPCError.invalidArgument(field: "page_token", "is not a token this server gave out")
        }
        let parts = text.split(separator: Self.separator, omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 2, lists.contains(parts[0]), parts[1] == fingerprint else {
            throw RPCError.invalidArgument(field: "page_token", "belongs to another list or filter, or is damaged")
        }
        tokenList = parts[0]
        after = Array(parts.dropFirst(2))
    }

    /// The token for the page after one that ended with `key`, in the order `list`;
    /// empty when `hasMore` is false.
    public func token(list: String, after key: [String], hasMore: Bool) -> String {
        guard hasMore else { return "" }
        return Base64URL.encode(Array(([list, fingerprint] + key).joined(separator: Self.separator).utf8))
    }

    /// Each value is length-prefixed so that no two different filter lists hash alike.
    private static func fingerprint(lists: Set<String>, filters: [String]) throws(RPCError) -> String {
        let text = (lists.sorted() + ["|"] + filters).map { "\($0.utf8.count):\($0)" }.joined()
        guard let digest = try? SHA256Digest.hash(text) else {
            throw RPCError(.internal, "cannot fingerprint the list")
        }
        return digest.prefix(8).map { String(format: "%02x", $0) }.joined()
    }
}

