import RPC

/// Party card numbers and citizen ids as people type them: case, spaces, dots and
/// dashes vary ("YB-0123 456", "yb0123456"); what identifies the card is the rest.
enum PersonalNumbers {
    static let maxLength = 32

    /// The canonical form used for lookups and storage: upper-case letters and digits.
    static func normalized(_ text: String) -> String {
        String(text.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
            .map(Character.init))
    }

    /// The canonical form, or INVALID_ARGUMENT naming `field` when nothing usable is left
    /// or the input holds characters other than letters, digits, spaces, '.', '-', '/'.
    static func checked(_ text: String, field: String, required: Bool) throws(RPCError) -> String {
        guard text.utf8.count <= maxLength * 2,
              text.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0)
                  || ("0"..."9").contains($0) || " .-/".unicodeScalars.contains($0) }) else {
            throw RPCError.invalidArgument(field: field, "may hold only letters, digits, spaces, '.', '-' and '/'")
        }
        let canonical = normalized(text)
        if canonical.isEmpty {
            guard !required else { throw RPCError.invalidArgument(field: field, "is required") }
            return ""
        }
        guard canonical.count <= maxLength else {
            throw RPCError.invalidArgument(field: field, "is longer than \(maxLength) letters and digits")
        }
        return canonical
    }
}
