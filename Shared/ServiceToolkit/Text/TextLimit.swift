/// What a kind of text input may hold (docs/toolkit.md lists the choices).
public struct TextLimit: Sendable {
    public let maxCharacters: Int
    /// Word limit (search queries): every word is a term the database must match.
    public let maxWords: Int?
    /// Whether line feeds and tabs are allowed (free text written in paragraphs).
    public let multiline: Bool

    public init(maxCharacters: Int, maxWords: Int? = nil, multiline: Bool = false) {
        self.maxCharacters = maxCharacters
        self.maxWords = maxWords
        self.multiline = multiline
    }

    /// Names of people, units, files: one line.
    public static let name = TextLimit(maxCharacters: 200)
    /// Reasons, notes, descriptions.
    public static let freeText = TextLimit(maxCharacters: 4_000, multiline: true)
    /// What a user types into a search box.
    public static let searchQuery = TextLimit(maxCharacters: 200, maxWords: 12)
    /// Short labels typed or read by a device (device names, codes).
    public static let label = TextLimit(maxCharacters: 120)

    /// UTF-8 bytes allowed before any other work: a Vietnamese letter written
    /// decomposed takes up to 5 bytes (base, two combining marks), so 6 per character
    /// never refuses honest input and bounds the cost of everything after.
    public var maxBytes: Int { maxCharacters * 6 }
}
