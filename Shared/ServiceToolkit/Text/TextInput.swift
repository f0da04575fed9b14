import Foundation
import RPC

/// Every text a request carries passes here before the handler does anything with it
/// (issue 10): a bound on its UTF-8 size checked first, then words, then refused
/// characters, then Unicode NFC and the character count. Errors are INVALID_ARGUMENT
/// naming the field.
public enum TextInput {
    /// The text, NFC-normalised and trimmed; "" only when not `required`.
    public static func checked(_ text: String, field: String, limit: TextLimit, required: Bool = true) throws(RPCError)
        -> String
    {
        guard text.utf8.count <= limit.maxBytes else {
            throw RPCError.invalidArgument(field: field, "is longer than \(limit.maxCharacters) characters")
        }
        if let maxWords = limit.maxWords, words(of: text) > maxWords {
            throw RPCError.invalidArgument(field: field, "has more than \(maxWords) words")
        }
        try RefusedCharacters.check(text, field: field, multiline: limit.multiline)
        let normalized = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard normalized.count <= limit.maxCharacters else {
            throw RPCError.invalidArgument(field: field, "is longer than \(limit.maxCharacters) characters")
        }
        guard !required || !normalized.isEmpty else { throw RPCError.invalidArgument(field: field, "is required") }
        return normalized
    }

    /// A single-line name (people, units, sources), required.
    public static func name(_ text: String, field: String) throws(RPCError) -> String {
        try checked(text, field: field, limit: .name)
    }

    /// Optional multi-line free text (reasons, notes).
    public static func freeText(_ text: String, field: String, limit: TextLimit = .freeText) throws(RPCError) -> String {
        try checked(text, field: field, limit: limit, required: false)
    }

    /// A search box's query, possibly empty (a listing).
    public static func searchQuery(_ text: String, field: String = "query") throws(RPCError) -> String {
        try checked(text, field: field, limit: .searchQuery, required: false)
    }

    /// Words as the searches split them: runs of letters and digits, so "a-b-c" is
    /// three terms and counts as three.
    static func words(of text: String) -> Int {
        text.split { !($0.isLetter || $0.isNumber) }.count
    }
}
