import Foundation

/// The report as a text table for the terminal, and as CSV for spreadsheets.
extension MonthlyReport {
    /// The unit's own line first (no rank), then its subordinates by rank.
    private var lines: [(rank: String, figures: UnitMonth)] {
        [("", unit)] + subordinates.map { (String($0.rank), $0.figures) }
    }

    public var text: String {
        let header = ["#", "unit"] + ReportColumn.all.map(\.title)
        let rows = lines.map { line in [line.rank, line.figures.unitName] + ReportColumn.all.map { $0.text(line.figures) } }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 1 ? cell + pad : pad + cell  // names left, figures right
            }.joined(separator: "  ")
        }
        return "Monthly report \(month): \(unit.unitName)\n" + ([format(header)] + rows.map(format)).joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a header line, fields quoted when they hold a comma, a quote or a line
    /// break; shares as fractions (0–1) with four decimals, empty where there is none.
    public var csv: String {
        let header = ["month", "rank", "unit_id", "unit"] + ReportColumn.all.map(\.title)
        let rows = lines.map { line in
            [month, line.rank, line.figures.unitID, line.figures.unitName] + ReportColumn.all.map { column in
                guard let share = column.share else { return column.text(line.figures) }
                return share(line.figures).map { String(format: "%.4f", $0) } ?? ""
            }
        }
        return ([header] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
