/// A "host:port" pair as written in configuration (`SOTAY_LISTEN`, `SOTAY_ORG_ADDR`);
/// IPv6 literals are bracketed: "[::1]:7102".
public struct HostPort: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses one "host:port"; nil when the port is missing or outside 0...65535.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        guard let colon = trimmed.lastIndex(of: ":") else { return nil }
        var host = String(trimmed[..<colon])
        guard let port = Int(trimmed[trimmed.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.init(host: host, port: port)
    }

    /// Parses "host:port,host:port" (the replica list of a peer's address variable).
    public static func parseList(_ text: String) -> [HostPort]? {
        let parts = text.split(separator: ",").filter { !$0.trimmingSpaces.isEmpty }
        guard !parts.isEmpty else { return nil }
        var result: [HostPort] = []
        for part in parts {
            guard let address = HostPort(part) else { return nil }
            result.append(address)
        }
        return result
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: SubSequence {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
