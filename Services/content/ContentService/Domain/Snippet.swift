import Store

/// The piece of a text shown under a search hit: the words around the first place the
/// query's words are found, each found word between « and ». Made from the original
/// text (the index holds folded text, which would show "nghi quyet" for "nghị quyết").
enum Snippet {
    static let wordsBefore = 8
    static let wordsTotal = 32
    /// Only the beginning of a long body is looked at: a hit found by its title shows
    /// the title instead of a scan of the whole body.
    static let scannedCharacters = 1_500

    /// `queryWords` are folded (`FullTextQuery.words`); a text word is found when one of
    /// them begins one of its pieces, as in the search itself. Nil when no word is found.
    static func make(from text: String, queryWords: [Substring]) -> String? {
        let words = text.prefix(scannedCharacters).split(whereSeparator: \.isWhitespace)
        // Folding is the cost: the text is folded once, and its words line up with the
        // original's (folding keeps every word and only drops marks), unless a word was
        // nothing but marks; then each word is folded on its own.
        let folded = TextFolding.fold(String(text.prefix(scannedCharacters))).split(separator: " ")
        func found(_ index: Int) -> Bool {
            let pieces = folded.count == words.count
                ? folded[index].split { !($0.isLetter || $0.isNumber) } : FullTextQuery.words(of: String(words[index]))
            return pieces.contains { piece in queryWords.contains { piece.hasPrefix($0) } }
        }
        guard let first = words.indices.first(where: found) else { return nil }
        let start = max(0, first - wordsBefore)
        let end = min(words.count, start + wordsTotal)
        let shown = (start..<end).map { found($0) ? "«\(words[$0])»" : String(words[$0]) }
        return (start > 0 ? "… " : "") + shown.joined(separator: " ") + (end < words.count ? " …" : "")
    }
}
