/// Collects generated Swift line by line, indenting four spaces per block.
struct SourceWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: depth) + content + "\n"
        }
    }

    mutating func lines(_ contents: [String]) {
        for content in contents { line(content) }
    }

    /// `opener {`, the body one level deeper, then `}`.
    mutating func block(_ opener: String, _ body: (inout SourceWriter) throws -> Void) rethrows {
        line(opener + " {")
        depth += 1
        try body(&self)
        depth -= 1
        line("}")
    }

    /// `switch subject {` with its cases at the same depth as the `switch`, as Swift's
    /// own style has them.
    mutating func switchBlock(_ subject: String, _ body: (inout SourceWriter) -> Void) {
        line("switch \(subject) {")
        body(&self)
        line("}")
    }
}
