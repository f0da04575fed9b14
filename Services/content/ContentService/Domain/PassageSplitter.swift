/// Splits a document into passages along its own structure, so that the assistant's
/// citation points at the article or section an answer sits in. Vietnamese Party
/// documents are laid out as parts ("Phần thứ nhất", "Chương II", "I."), articles
/// ("Điều 5.") or numbered sections ("1."), and lettered items ("a)"); Markdown
/// emphasis and heading marks around a heading line are ignored.
///
/// Every heading starts a passage; the passage is the heading line and the lines under
/// it up to the next heading, and its section is the headings above it, outermost first.
enum PassageSplitter {
    struct Passage: Equatable, Sendable {
        let section: String
        let text: String
    }

    /// Headings longer than this are cut in the section path (the full line stays in the text).
    static let maxHeadingLength = 80

    static func split(_ body: String) -> [Passage] {
        var passages: [Passage] = []
        var headings: [(level: Int, label: String)] = []
        var lines: [String] = []
        func flush() {
            // Lines are trimmed and never empty (`plain`).
            let text = lines.joined(separator: "\n")
            lines = []
            guard !text.isEmpty else { return }
            passages.append(Passage(section: headings.map(\.label).joined(separator: " › "), text: text))
        }
        for rawLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = plain(rawLine)
            guard !line.isEmpty else { continue }
            if let level = headingLevel(line) {
                flush()
                headings.removeAll { $0.level >= level }
                headings.append((level, label(line)))
            }
            lines.append(line)
        }
        flush()
        return passages
    }

    /// The line without Markdown's heading marks, emphasis and quote marks, nor the
    /// spaces around them (a loop over scalars: Foundation's trimming was a fifth of an import).
    static func plain(_ line: Substring) -> String {
        let scalars = line.unicodeScalars
        let isMark = { (scalar: Unicode.Scalar) in "#*_> \t\r".unicodeScalars.contains(scalar) }
        guard let first = scalars.firstIndex(where: { !isMark($0) }),
              let last = scalars.lastIndex(where: { !isMark($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// 0 for parts and chapters, 1 for Roman-numbered sections, 2 for articles, 3 for
    /// numbered sections or clauses (under an article when there is one), 4 for lettered
    /// items; nil for a line of text.
    static func headingLevel(_ line: String) -> Int? {
        let words = line.split(separator: " ", maxSplits: 2)
        guard let first = words.first else { return nil }
        let lowered = first.lowercased()
        if (lowered == "phần" || lowered == "chương"), words.count > 1 { return 0 }
        if lowered == "điều", words.count > 1, words[1].first?.isNumber == true { return 2 }
        if first.hasSuffix("."), first.count > 1 {
            let stem = first.dropLast()
            if stem.allSatisfy({ "IVXLC".contains($0) }) { return 1 }
            if stem.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), stem.first?.isNumber == true { return 3 }
        }
        if first.count == 2, first.hasSuffix(")"), let letter = first.first, letter.isLowercase, letter.isLetter {
            return 4
        }
        return nil
    }

    /// The heading as the section path shows it: the line, cut at a word before the limit.
    static func label(_ line: String) -> String {
        guard line.count > maxHeadingLength else { return line }
        let cut = line.prefix(maxHeadingLength)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord + "…"
    }
}
