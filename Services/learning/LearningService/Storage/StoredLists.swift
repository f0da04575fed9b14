/// How short lists sit in one column: choice texts joined with U+001F (which text
/// checks refuse inside a choice, so it never appears in one) and choice numbers
/// joined with commas.
enum StoredLists {
    static let separator: Character = "\u{1F}"

    static func joinTexts(_ texts: [String]) -> String { texts.joined(separator: String(separator)) }

    static func splitTexts(_ stored: String) -> [String] {
        stored.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    static func joinNumbers(_ numbers: [Int]) -> String { numbers.map(String.init).joined(separator: ",") }

    static func splitNumbers(_ stored: String) -> [Int] { stored.split(separator: ",").compactMap { Int($0) } }
}
