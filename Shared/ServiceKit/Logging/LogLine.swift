import Foundation

/// Formats one log line: a JSON object with sorted keys, so lines diff and grep well.
enum LogLine {
    static func json(_ fields: [String: String]) -> String {
        var out = "{"
        var first = true
        for key in fields.keys.sorted() {
            if !first { out += "," }
            first = false
            out += quoted(key) + ":" + quoted(fields[key] ?? "")
        }
        return out + "}"
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
