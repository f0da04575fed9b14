/// One record of a CSV file and the line it starts on (a quoted value may hold line
/// breaks, so a record can span lines; reports name its first).
struct CSVRecord: Equatable {
    let line: Int
    let fields: [String]
}

/// Why a file is not CSV, and where: line and column (1-based, in characters of that
/// line) of the offending character.
struct CSVError: Error, Equatable, CustomStringConvertible {
    let line: Int
    let column: Int
    let reason: String

    var description: String { "line \(line), column \(column): \(reason)" }
}

/// Reads CSV as RFC 4180 writes it: comma-separated, fields optionally in double
/// quotes, a quote inside quotes doubled, line breaks (LF or CRLF) inside quotes kept.
/// The input must be UTF-8 (a leading byte-order mark is skipped). Blank lines are
/// skipped, so a file may end with one or more line breaks.
enum CSVReader {
    static func records(_ bytes: [UInt8]) throws(CSVError) -> [CSVRecord] {
        guard let text = String(validating: bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes,
                                as: UTF8.self) else {
            throw CSVError(line: firstInvalidLine(bytes), column: 1, reason: "the file is not UTF-8 text")
        }
        var parser = Parser()
        for character in text.unicodeScalars { try parser.take(character) }
        return try parser.finish()
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    /// A state machine over Unicode scalars, so columns count characters people see
    /// (Vietnamese letters are one column each when precomposed, as exports write them).
    private struct Parser {
        enum State {
            case fieldStart, unquoted, quoted, quoteInQuoted
        }

        var state = State.fieldStart
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var column = 0
        var recordLine = 1
        /// Where the quoted value being read opened: an unclosed quote is reported there.
        var quoteLine = 1
        var quoteColumn = 1
        var pendingCarriageReturn = false

        mutating func take(_ scalar: Unicode.Scalar) throws(CSVError) {
            if pendingCarriageReturn {
                pendingCarriageReturn = false
                if scalar == "\n" { return }
            }
            column += 1
            switch (state, scalar) {
            case (.quoted, "\""):
                state = .quoteInQuoted
            case (.quoted, "\n"), (.quoted, "\r"):
                field.append("\n")
                newLine(after: scalar)
            case (.quoted, _):
                field.append(scalar)
            case (.quoteInQuoted, "\""):
                field.append("\"")
                state = .quoted
            case (.fieldStart, "\""):
                state = .quoted
                quoteLine = line
                quoteColumn = column
            case (.unquoted, "\""):
                throw CSVError(line: line, column: column, reason: "a quote inside a value that does not start with one")
            case (_, ","):
                endField()
            case (_, "\n"), (_, "\r"):
                endRecord()
                newLine(after: scalar)
            case (.quoteInQuoted, _):
                throw CSVError(line: line, column: column,
                               reason: "a closing quote must be followed by a comma or the end of the line")
            case (.fieldStart, _), (.unquoted, _):
                field.append(scalar)
                state = .unquoted
            }
        }

        mutating func finish() throws(CSVError) -> [CSVRecord] {
            if state == .quoted {
                throw CSVError(line: quoteLine, column: quoteColumn, reason: "a quoted value is never closed")
            }
            endRecord()
            return records
        }

        private mutating func newLine(after scalar: Unicode.Scalar) {
            line += 1
            column = 0
            pendingCarriageReturn = scalar == "\r"
        }

        private mutating func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            state = .fieldStart
        }

        private mutating func endRecord() {
            endField()
            if fields != [""] { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
            recordLine = line + 1
        }
    }
}
