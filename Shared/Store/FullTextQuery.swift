/// Turns what a user typed into an FTS5 MATCH expression that cannot be a syntax
/// error: the input is folded, cut into words at every character that is not a letter
/// or a digit (as FTS5's unicode61 tokenizer cuts), each word is quoted, and the last
/// one matches as a prefix, so results appear while the user is still typing.
///
///     FullTextQuery.matchExpression(for: "Nghị quyết")  // "\"nghi\" \"quyet\"*"
///
/// Quotes, parentheses, `*`, `:` and words such as AND or NEAR lose any meaning to
/// FTS5. Use the expression as a bound argument: `… WHERE t MATCH ?`.
public enum FullTextQuery {
    /// The MATCH expression for `input`, or nil when it holds no word at all (then
    /// there is nothing to search for, and MATCH would reject an empty expression).
    public static func matchExpression(for input: String) -> String? {
        let words = TextFolding.fold(input)
            .split { !($0.isLetter || $0.isNumber) }
        guard !words.isEmpty else { return nil }
        // After the split a word holds only letters and digits, so it never contains
        // the quote that would end its FTS5 string.
        return words.map { "\"\($0)\"" }.joined(separator: " ") + "*"
    }
}
