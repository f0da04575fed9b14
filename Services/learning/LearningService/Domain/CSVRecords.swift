/// Splits CSV text into records (RFC 4180: fields in double quotes may hold commas,
/// line breaks and doubled quotes), each with the line it starts on. Blank lines are
/// skipped; `\r\n` and `\n` both end a record.
enum CSVRecords {
    struct Malformed: Error {
        let line: Int
        let reason: String
    }

    static func split(_ text: String) throws(Malformed) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var characters = Array(text).makeIterator()
        var pending: Character? = characters.next()

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw Malformed(line: line, reason: "a quote inside an unquoted field")
                }
                quoted = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !fieldWasQuoted else { throw Malformed(line: line, reason: "text after a closing quote") }
                field.append(character)
            }
        }
        if quoted { throw Malformed(line: recordLine, reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
