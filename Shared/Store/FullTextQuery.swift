/// The one search rule for names and titles: every word the user typed must begin
/// some word of the text, diacritics and case folded (`TextFolding`), in any order.
/// "d mai giang" finds "Đỗ Thị Mai Giang"; "do van" finds "Đoàn Văn Đông" and
/// "Văn Đỗ". Words are cut at every character that is not a letter or a digit, as
/// FTS5's unicode61 tokenizer cuts them.
///
/// Two implementations of the rule would drift apart, so both ways of searching use
/// these functions: `matchExpression` for an FTS5 index, `matches` for a filter in
/// Swift over text read from a table.
///
///     FullTextQuery.matchExpression(for: "Nghị quyết")  // "\"nghi\"* \"quyet\"*"
///
/// Quotes, parentheses, `*`, `:` and words such as AND or NEAR lose any meaning to
/// FTS5. Use the expression as a bound argument: `… WHERE t MATCH ?`.
public enum FullTextQuery {
    /// The folded words of `text`.
    public static func words(of text: String) -> [Substring] {
        TextFolding.fold(text).split { !($0.isLetter || $0.isNumber) }
    }

    /// The MATCH expression for `input`, or nil when it holds no word at all (then
    /// there is nothing to search for, and MATCH would reject an empty expression).
    public static func matchExpression(for input: String) -> String? {
        let words = words(of: input)
        guard !words.isEmpty else { return nil }
        // After the split a word holds only letters and digits, so it never contains
        // the quote that would end its FTS5 string.
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// Whether every one of `queryWords` (from `words(of:)`) begins some word of `text`.
    public static func matches(_ queryWords: [Substring], in text: String) -> Bool {
        let textWords = words(of: text)
        return queryWords.allSatisfy { word in textWords.contains { $0.hasPrefix(word) } }
    }
}
