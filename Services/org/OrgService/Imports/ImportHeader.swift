import OrgContracts

/// A staged file's header: where each column of the format is, and what is wrong
/// with the header itself (reported as problems on line 1). Values are read by column
/// name, so the file's column order does not matter.
struct ImportHeader {
    static let line: Int32 = 1

    let columns: [String]
    private let positions: [String: Int]
    /// Unknown, repeated and missing columns.
    let problems: [RowProblem]

    init(kind: ImportKind, columns: [String]) {
        self.columns = columns
        let expected = ImportFormat.columns(of: kind)
        var positions: [String: Int] = [:]
        var problems: [RowProblem] = []
        for (index, column) in columns.enumerated() {
            if !expected.contains(column) {
                problems.append(Self.problem(column, "is not a column of a \(kind == .units ? "units" : "members") file "
                                                + "(expected \(expected.joined(separator: ", ")))"))
            } else if positions[column] != nil {
                problems.append(Self.problem(column, "appears twice in the header"))
            } else {
                positions[column] = index
            }
        }
        for column in expected where positions[column] == nil {
            problems.append(Self.problem(column, "is missing from the header"))
        }
        self.positions = positions
        self.problems = problems
    }

    private static func problem(_ column: String, _ reason: String) -> RowProblem {
        var problem = RowProblem()
        problem.line = line
        problem.column = String(column.prefix(64))
        problem.reason = reason
        return problem
    }

    /// The value of `column` in `row`, trimmed ("" when the header lacks the column).
    func value(_ column: String, in row: ImportRow) -> String {
        guard let index = positions[column], index < row.values.count else { return "" }
        return Self.trimmed(row.values[index])
    }

    /// Whitespace and line breaks trimmed from both ends. Most values have none, and
    /// those come back as they are: Foundation's `trimmingCharacters` copies every
    /// value through NSString, which was a tenth of a province import's time.
    static func trimmed(_ value: String) -> String {
        let scalars = value.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return value }
        return String(scalars[first...last])
    }

    /// Whether `row` has one value per header column; reports it when not, since its
    /// values cannot be matched to columns.
    func checkShape(of row: ImportRow, into report: inout ImportReportBuilder) -> Bool {
        guard row.values.count == columns.count else {
            report.problem(line: row.line, column: "",
                           "has \(row.values.count) values where the header has \(columns.count) columns")
            return false
        }
        return true
    }
}
