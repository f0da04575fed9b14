// How proto names become Swift names (docs/generated-code.md, "Messages" and "Enums").

public enum Naming {
    /// Words written as all-capital initialisms when they are a whole word that is not
    /// the first: `call_id` → `callID`, `unit_ids` → `unitIDs`, `timeout_ms` → `timeoutMS`.
    static let initialisms: [String: String] = ["id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "ms": "MS"]

    /// `snake_case` (or already camelCase) → `lowerCamelCase`, unescaped.
    public static func lowerCamelCase(_ protoName: String) -> String {
        let words = protoName.split(separator: "_").map(String.init)
        guard let first = words.first else { return protoName }
        var result = lowercasingFirstLetter(first)
        for word in words.dropFirst() {
            if let initialism = initialisms[word.lowercased()] {
                result += initialism
            } else {
                result += word.prefix(1).uppercased() + word.dropFirst()
            }
        }
        return result
    }

    /// `UPPER_SNAKE` enum value names → `lowerCamelCase`: every word is lowered first.
    public static func enumCaseName(_ valueName: String, enumName: String) -> String {
        lowerCamelCase(strippingEnumPrefix(valueName, enumName: enumName).lowercased())
    }

    /// `FRAME_KIND_REQUEST` in `FrameKind` → `REQUEST`. The prefix stays when what is
    /// left would not be a name (empty, or starting with a digit).
    public static func strippingEnumPrefix(_ valueName: String, enumName: String) -> String {
        let prefix = upperSnakeCase(enumName) + "_"
        guard valueName.uppercased().hasPrefix(prefix) else { return valueName }
        let rest = valueName.dropFirst(prefix.count)
        guard let first = rest.first, !first.isNumber else { return valueName }
        return String(rest)
    }

    /// `FrameKind` → `FRAME_KIND`, `HTTPRoute` → `HTTP_ROUTE`.
    public static func upperSnakeCase(_ camelName: String) -> String {
        let characters = Array(camelName)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) {
                    result += "_"
                }
            }
            result += character.uppercased()
        }
        return result
    }

    /// `GetUnit` → `getUnit`: method names are UpperCamelCase in proto.
    public static func methodName(_ protoName: String) -> String {
        lowerCamelCase(protoName)
    }

    /// `field_violations` → `FieldViolations`: the type of a oneof's enum.
    public static func upperCamelCase(_ protoName: String) -> String {
        let lower = lowerCamelCase(protoName)
        return lower.prefix(1).uppercased() + lower.dropFirst()
    }

    /// A name as written in a declaration or a reference: keywords get backticks.
    public static func escaped(_ name: String) -> String {
        swiftKeywords.contains(name) ? "`\(name)`" : name
    }

    /// Lowers the leading capital letters: `URLPath` → `urlPath`, `Foo` → `foo`.
    static func lowercasingFirstLetter(_ word: String) -> String {
        let characters = Array(word)
        var upperRun = 0
        while upperRun < characters.count, characters[upperRun].isUppercase { upperRun += 1 }
        // In "URLPath" the P starts the next word, so only "URL" is lowered.
        let lowered = upperRun > 1 && upperRun < characters.count ? upperRun - 1 : upperRun
        return characters[..<lowered].map { $0.lowercased() }.joined() + String(characters[lowered...])
    }

    /// Words that cannot be used as a plain identifier in a declaration (The Swift
    /// Programming Language, "Keywords and Punctuation").
    static let swiftKeywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension",
        "fileprivate", "func", "import", "init", "inout", "internal", "let", "nonisolated",
        "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true",
        "try", "Type", "Protocol",
    ]
}
