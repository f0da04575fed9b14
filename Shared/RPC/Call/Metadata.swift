/// Well-known metadata keys (docs/architecture.md §4). Keys on the wire are lower-case.
public enum MetadataKey {
    /// "Bearer <token>".
    public static let authorization = "authorization"
    /// Ties together the log lines of one user action across services; propagated to
    /// downstream calls made with `CallOptions(parent:)`.
    public static let requestID = "request-id"
}

/// Sum of the UTF-8 sizes of keys and values, for the metadata size limit.
func metadataSize(_ metadata: [String: String]) -> Int {
    var total = 0
    for (key, value) in metadata { total += key.utf8.count + value.utf8.count }
    return total
}
