/// The comments of one .proto file, found by the path SourceCodeInfo gives each
/// definition, turned into Swift doc comments.
struct Comments {
    private var leading: [[Int32]: String] = [:]
    private var detached: [[Int32]: [String]] = [:]

    init(_ info: SourceCodeInfo?) {
        for location in info?.location ?? [] {
            if !location.leadingComments.isEmpty { leading[location.path] = location.leadingComments }
            if !location.leadingDetachedComments.isEmpty { detached[location.path] = location.leadingDetachedComments }
        }
    }

    /// `///` lines for the definition at `path`; none when it has no comment.
    func documentation(_ path: [Int32]) -> [String] {
        guard let comment = leading[path] else { return [] }
        return Comments.lines(of: comment).map { $0.isEmpty ? "///" : "/// " + $0 }
    }

    /// The comment that opens the file (above `syntax`), as `//` lines.
    func fileHeader() -> [String] {
        // Path [12] is FileDescriptorProto.syntax.
        let blocks = (detached[[12]] ?? []) + (leading[[12]].map { [$0] } ?? [])
        return blocks.flatMap { Comments.lines(of: $0).map { $0.isEmpty ? "//" : "// " + $0 } }
    }

    /// protoc keeps the space after `//` and a final newline; both go.
    private static func lines(of comment: String) -> [String] {
        var lines = comment.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let text = line.hasPrefix(" ") ? line.dropFirst() : line[...]
            return String(text.reversed().drop(while: \.isWhitespace).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        return lines
    }
}
