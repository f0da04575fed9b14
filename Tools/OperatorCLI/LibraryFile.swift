import ContentContracts
import Foundation

/// One file of a library to import (docs/content-import.md): a header between two
/// `---` lines, `key: value` per line, then the body. Parsed here, with the line of
/// every header field, so that a problem the content service reports names the file
/// and the line.
struct LibraryFile {
    struct Problem: Error, CustomStringConvertible {
        let path: String
        let line: Int
        let reason: String
        var description: String { "\(path):\(line): \(reason)" }
    }

    static let kinds: [String: ItemKind] = [
        "news": .news, "event": .event, "resolution": .resolution, "directive": .directive, "regulation": .regulation,
        "conclusion": .conclusion, "guidance": .guidance, "plan": .plan, "report": .report, "know-how": .knowHow,
        "good-model": .goodModel, "meeting-topic": .meetingTopic,
    ]
    static let classifications: [String: Classification] = ["public": .public, "restricted": .restricted]
    static let required = ["kind", "title", "classification", "unit"]
    static let known = Set(required + ["number", "issuer", "issued", "effective"])

    let path: String
    let kind: ItemKind
    let content: ItemContent
    /// The owning unit's code, as org knows it.
    let unitCode: String
    /// The line of each header key, and "body" for the body's first line.
    let lines: [String: Int]
    /// SHA-256 of the file's bytes, hex: the same file imports once.
    let sourceKey: String

    init(path: String, bytes: [UInt8], sourceKey: String) throws(Problem) {
        self.path = path
        self.sourceKey = sourceKey
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Problem(path: path, line: 1, reason: "is not UTF-8 text")
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw Problem(path: path, line: 1, reason: "must start with a header: a line '---'")
        }
        var fields: [String: String] = [:]
        var places: [String: Int] = [:]
        var end: Int?
        for index in 1..<lines.count {
            let line = lines[index]
            if line.trimmingCharacters(in: .whitespaces) == "---" {
                end = index
                break
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Problem(path: path, line: index + 1, reason: "a header line is 'key: value'")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard Self.known.contains(key) else {
                throw Problem(path: path, line: index + 1, reason: "unknown header key '\(key)'")
            }
            guard fields[key] == nil else { throw Problem(path: path, line: index + 1, reason: "'\(key)' given twice") }
            fields[key] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            places[key] = index + 1
        }
        guard let end else { throw Problem(path: path, line: lines.count, reason: "the header has no closing '---'") }
        for key in Self.required where (fields[key] ?? "").isEmpty {
            throw Problem(path: path, line: end + 1, reason: "the header needs '\(key)'")
        }
        guard let kind = Self.kinds[fields["kind", default: ""].lowercased()] else {
            throw Problem(path: path, line: places["kind"] ?? 1,
                          reason: "kind must be one of \(Self.kinds.keys.sorted().joined(separator: ", "))")
        }
        guard let classification = Self.classifications[fields["classification", default: ""].lowercased()] else {
            throw Problem(path: path, line: places["classification"] ?? 1, reason: "classification must be public or restricted")
        }
        var content = ItemContent()
        content.title = fields["title", default: ""]
        content.number = fields["number", default: ""]
        content.issuer = fields["issuer", default: ""]
        content.issueDate = fields["issued", default: ""]
        content.effectiveDate = fields["effective", default: ""]
        content.classification = classification
        content.body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        places["body"] = end + 2
        self.kind = kind
        self.content = content
        self.unitCode = fields["unit", default: ""]
        self.lines = places
    }

    /// The line a field of the service's problem names ("content.issue_date" → the
    /// `issued` line).
    func line(of field: String) -> Int {
        let key = switch field {
        case "content.title": "title"
        case "content.number": "number"
        case "content.issuer": "issuer"
        case "content.issue_date": "issued"
        case "content.effective_date": "effective"
        case "content.classification": "classification"
        case "content.body": "body"
        case "kind": "kind"
        case "unit_id": "unit"
        default: ""
        }
        return lines[key] ?? 1
    }
}
