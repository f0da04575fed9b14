import Foundation

/// The report as one self-contained HTML file (no script, no font, no image to fetch):
/// the unit's figures, a bar chart per share drawn as inline SVG with the subordinate
/// units in rank order, and the full table.
extension MonthlyReport {
    public func html(generatedAt: Date = Date()) -> String {
        let stamp = ISO8601DateFormatter().string(from: generatedAt)
        let charts = ReportColumn.all.compactMap { column in column.share.map { chart(column.title, $0) } }
        return """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape("Monthly report \(month): \(unit.unitName)"))</title>
        <style>
        body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2733; }
        h1 { font-size: 22px; margin: 0 0 4px; } .note { color: #5b6775; font-size: 13px; }
        .tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
        .tile { border: 1px solid #d5dbe3; border-radius: 6px; padding: 8px 12px; min-width: 120px; }
        .tile b { display: block; font-size: 20px; } .tile span { color: #5b6775; font-size: 12px; }
        .charts { display: flex; flex-wrap: wrap; gap: 20px; }
        .chart h2 { font-size: 15px; margin: 12px 0 4px; }
        table { border-collapse: collapse; margin-top: 20px; font-size: 13px; }
        th, td { border-bottom: 1px solid #e3e7ec; padding: 4px 8px; text-align: right; }
        th:nth-child(2), td:nth-child(2) { text-align: left; } tr.own { font-weight: bold; background: #f3f6f9; }
        </style>
        </head>
        <body>
        <h1>\(Self.escape(unit.unitName))</h1>
        <div class="note">Monthly report \(Self.escape(month)) · generated \(stamp) · units ranked by the mean of registration, activity, cells that met, attendance and quiz participation</div>
        <div class="tiles">
        \(tiles)
        </div>
        <div class="charts">
        \(charts.joined(separator: "\n"))
        </div>
        \(table)
        </body>
        </html>

        """
    }

    private var tiles: String {
        [(String(unit.members), "members"), (ReportColumn.percent(unit.registrationRate), "registered"),
         (ReportColumn.percent(unit.activeRate), "active this month"), (String(unit.reads), "reads"),
         (ReportColumn.percent(unit.attendanceRate), "meeting attendance"),
         (ReportColumn.percent(unit.quizParticipation), "quiz participation"),
         (String(unit.feedbackReceived), "feedback received"), (String(unit.feedbackOverdue), "feedback overdue")]
            .map { value, label in "<div class=\"tile\"><b>\(Self.escape(value))</b><span>\(label)</span></div>" }
            .joined(separator: "\n")
    }

    /// One horizontal bar per subordinate unit, 0–100%, in rank order.
    private func chart(_ title: String, _ share: @Sendable (UnitMonth) -> Double?) -> String {
        let labelWidth = 230, barWidth = 300, rowHeight = 22
        let height = max(1, subordinates.count) * rowHeight + 8
        let rows = subordinates.enumerated().map { index, ranked -> String in
            let y = index * rowHeight + 4
            let value = share(ranked.figures)
            let width = Int(((value ?? 0) * Double(barWidth)).rounded())
            let name = ranked.figures.unitName.count > 30 ? String(ranked.figures.unitName.prefix(29)) + "…" : ranked.figures.unitName
            return """
            <text x="\(labelWidth - 6)" y="\(y + 14)" text-anchor="end" font-size="12">\(Self.escape(name))</text>\
            <rect x="\(labelWidth)" y="\(y)" width="\(barWidth)" height="\(rowHeight - 6)" fill="#eef2f6"/>\
            <rect x="\(labelWidth)" y="\(y)" width="\(width)" height="\(rowHeight - 6)" fill="#2f6fb0"/>\
            <text x="\(labelWidth + barWidth + 6)" y="\(y + 14)" font-size="12">\(ReportColumn.percent(value))</text>
            """
        }
        return """
        <div class="chart"><h2>\(Self.escape(title))</h2>\
        <svg xmlns="http://www.w3.org/2000/svg" width="\(labelWidth + barWidth + 60)" height="\(height)" role="img" aria-label="\(Self.escape(title))">
        \(rows.joined(separator: "\n"))
        </svg></div>
        """
    }

    private var table: String {
        let header = "<tr><th>#</th><th>unit</th>" + ReportColumn.all.map { "<th>\(Self.escape($0.title))</th>" }.joined() + "</tr>"
        func row(_ rank: String, _ figures: UnitMonth, own: Bool) -> String {
            "<tr\(own ? " class=\"own\"" : "")><td>\(rank)</td><td>\(Self.escape(figures.unitName))</td>"
                + ReportColumn.all.map { "<td>\(Self.escape($0.text(figures)))</td>" }.joined() + "</tr>"
        }
        let rows = [row("", unit, own: true)] + subordinates.map { row(String($0.rank), $0.figures, own: false) }
        return "<table>\n\(header)\n\(rows.joined(separator: "\n"))\n</table>"
    }

    /// Text for HTML and SVG: unit names come from the registry and may hold anything.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
