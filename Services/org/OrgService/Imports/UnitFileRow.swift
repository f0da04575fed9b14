import OrgContracts
import RPC

/// One row of a units file, checked on its own (its parent is checked against the
/// file and the tree by `UnitReconciler`).
struct UnitFileRow {
    let line: Int32
    let code: String
    let name: String
    let kind: UnitKind
    let cellType: CellType
    /// Empty for the root.
    let parentCode: String

    /// The row, or nil after reporting every bad value in it.
    static func parse(_ row: ImportRow, header: ImportHeader, into report: inout ImportReportBuilder) -> UnitFileRow? {
        guard header.checkShape(of: row, into: &report) else { return nil }
        let problemsBefore = report.problemCount
        var code = "", name = "", parentCode = ""
        do { code = try UnitRules.checkedCode(header.value("code", in: row)) } catch { report.problem(line: row.line, error) }
        do { name = try UnitRules.checkedName(header.value("name", in: row), field: "name") } catch {
            report.problem(line: row.line, error)
        }
        let parentText = header.value("parent_code", in: row)
        if !parentText.isEmpty {
            do { parentCode = try UnitRules.checkedCode(parentText) } catch {
                report.problem(line: row.line, column: "parent_code", error.fieldViolations.first?.description ?? error.message)
            }
        }
        let kindText = header.value("kind", in: row).lowercased()
        let kind = ImportFormat.unitKinds[kindText]
        if kind == nil {
            report.problem(line: row.line, column: "kind", "must be \(ImportFormat.choices(ImportFormat.unitKinds))")
        }
        let cellTypeText = header.value("cell_type", in: row).lowercased()
        var cellType = CellType.unspecified
        if let kind, UnitRules.isCell(kind) {
            if let known = ImportFormat.cellTypes[cellTypeText] {
                cellType = known
            } else {
                report.problem(line: row.line, column: "cell_type",
                               "a cell needs its type: \(ImportFormat.choices(ImportFormat.cellTypes))")
            }
        } else if kind != nil, !cellTypeText.isEmpty {
            report.problem(line: row.line, column: "cell_type", "must be empty: only cells have a cell type")
        }
        guard report.problemCount == problemsBefore, let kind else { return nil }
        return UnitFileRow(line: row.line, code: code, name: name, kind: kind, cellType: cellType, parentCode: parentCode)
    }
}
