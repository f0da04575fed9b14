/// The SQL dialect an engine speaks. Storage code and schemas are written once, in
/// SQLite's SQL restricted to what PostgreSQL also runs (`ON CONFLICT … DO UPDATE`,
/// `CASE` rather than two-argument `max`); the few differences left are translated
/// here and nowhere else.
public enum SQLDialect: Sendable, Equatable {
    case sqlite
    case postgres

    /// A statement as this dialect runs it. For PostgreSQL: `?` placeholders become
    /// `$1, $2, …` (not inside quoted text or identifiers), and `INSERT OR IGNORE`
    /// becomes `INSERT … ON CONFLICT DO NOTHING`.
    public func statement(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        var rewritten = ""
        rewritten.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                rewritten.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                rewritten.append(character)
            } else if character == "?" {
                number += 1
                rewritten += "$\(number)"
            } else {
                rewritten.append(character)
            }
        }
        let ignoring = "INSERT OR IGNORE INTO"
        if let range = rewritten.range(of: ignoring) {
            rewritten.replaceSubrange(range, with: "INSERT INTO")
            rewritten += " ON CONFLICT DO NOTHING"
        }
        return rewritten
    }

    /// A schema script written for SQLite, as this dialect creates it. For PostgreSQL:
    /// `INTEGER` becomes `BIGINT` (SQLite's integers are 64-bit, PostgreSQL's INTEGER
    /// 32: milliseconds since 1970 do not fit), `REAL` becomes `DOUBLE PRECISION`,
    /// `BLOB` becomes `BYTEA`, and `WITHOUT ROWID` (a SQLite storage choice) goes.
    /// Only whole upper-case words are replaced, so names and comments in lower case
    /// are left alone.
    public func schema(_ sql: String) -> String {
        guard self == .postgres else { return sql }
        let types = ["INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "BLOB": "BYTEA"]
        var translated = ""
        var word = ""
        func flush() {
            translated += types[word] ?? word
            word = ""
        }
        for character in sql.replacingOccurrences(of: " WITHOUT ROWID", with: "") {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                flush()
                translated.append(character)
            }
        }
        flush()
        return translated
    }
}
