import Store

/// The piece of a text shown under a search hit: the words around the first place the
/// query's words are found, each found word between « and ». Made from the original
/// text (the index holds folded text, which would show "nghi quyet" for "nghị quyết").
enum Snippet {
    static let wordsBefore = 8
    static let wordsTotal = 32

    /// `queryWords` are folded (`FullTextQuery.words`); a text word is found when one of
    /// them begins it, as in the search itself. Nil when no word of `text` is found.
    static func make(from text: String, queryWords: [Substring]) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace)
        // Folding is the cost: fold words until the first found, then only the window.
        func found(_ index: Int) -> Bool {
            FullTextQuery.words(of: String(words[index])).contains { piece in queryWords.contains { piece.hasPrefix($0) } }
        }
        guard let first = words.indices.first(where: found) else { return nil }
        let start = max(0, first - wordsBefore)
        let end = min(words.count, start + wordsTotal)
        let shown = (start..<end).map { found($0) ? "«\(words[$0])»" : String(words[$0]) }
        return (start > 0 ? "… " : "") + shown.joined(separator: " ") + (end < words.count ? " …" : "")
    }
}
