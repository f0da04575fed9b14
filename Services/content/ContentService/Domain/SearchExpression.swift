import Store

/// The MATCH expression of a member's search: the words before the last as whole
/// words, the last as a prefix (the word being typed: "nghi quy" finds "nghị quyết")
/// when it has at least `minimumPrefix` characters; a shorter one ("TU" of "77-KL/TU")
/// is taken whole, since it would begin thousands of words.
/// Whole words keep common short words from expanding to every word they begin ("nghi"*
/// would also read the index of "nghĩa", "nghiệp", "nghiêm" …), which is what keeps a
/// common query fast on a large library. Words are `FullTextQuery`'s (folded, cut at
/// every character that is not a letter or digit) and quoted, so nothing typed is syntax.
enum SearchExpression {
    static let minimumPrefix = 3

    static func match(for query: String) -> String? {
        let words = FullTextQuery.words(of: query)
        guard let last = words.last else { return nil }
        // After the split a word holds only letters and digits: no quote can end its string.
        let typed = last.count >= minimumPrefix ? "\"\(last)\"*" : "\"\(last)\""
        return (words.dropLast().map { "\"\($0)\"" } + [typed]).joined(separator: " ")
    }
}
