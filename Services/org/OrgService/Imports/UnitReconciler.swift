import OrgContracts
import Store

/// A units file planned against the tree: the report, and what applying needs.
struct UnitImportPlan {
    var report: ImportReportBuilder
    /// The file's rows (first of each code), parents before children: the order that
    /// lets every unit be created or moved under a parent already in place.
    let rowsTopDown: [UnitFileRow]
    /// Active units by code, as the plan read them.
    let existing: [String: UnitRecord]
}

/// Checks a units file against itself and the tree (duplicate codes, unknown parents,
/// cycles, the root, cells holding units) and compares it with the tree: units added,
/// renamed or reclassified (changed), moved (another parent) and missing (active here,
/// absent from the file: reported, never dissolved). The file says where every unit it
/// lists stands; units it does not list stay where they are.
struct UnitReconciler {
    let connection: Connection

    func plan(_ staged: StagedImport, rows: [ImportRow], limit: Int) throws -> UnitImportPlan {
        var report = ImportReportBuilder(importID: staged.id, kind: .units, rows: rows.count, limit: limit)
        staged.header.problems.forEach { report.problem($0) }
        var fileRows: [UnitFileRow] = []
        var byCode: [String: UnitFileRow] = [:]
        for row in rows {
            guard let parsed = UnitFileRow.parse(row, header: staged.header, into: &report) else { continue }
            if let first = byCode[parsed.code] {
                report.problem(line: parsed.line, column: "code", "\(parsed.code) is also on line \(first.line)")
                continue
            }
            byCode[parsed.code] = parsed
            fileRows.append(parsed)
        }

        var existing: [String: UnitRecord] = [:]
        var codeByID: [String: String] = [:]
        try connection.forEachRow("SELECT \(UnitRecord.columns) FROM units WHERE state = 1") { row in
            let record = try UnitRecord(row: row)
            existing[record.unit.code] = record
            codeByID[record.id] = record.unit.code
        }
        let tree = FinalTree(file: byCode, existing: existing, codeByID: codeByID)
        for row in fileRows { check(row, in: tree, into: &report) }
        compare(fileRows, with: tree, into: &report)
        return UnitImportPlan(report: report, rowsTopDown: report.hasProblems ? [] : tree.topDown(fileRows),
                              existing: existing)
    }

    /// The row's place in the tree the file describes.
    private func check(_ row: UnitFileRow, in tree: FinalTree, into report: inout ImportReportBuilder) {
        let root = tree.existingRoot
        if row.parentCode.isEmpty {
            if let root, root.unit.code != row.code {
                report.problem(line: row.line, column: "parent_code", "is required: the tree's root is \(root.unit.code)")
            } else if let other = tree.file.values.first(where: { $0.parentCode.isEmpty && $0.line < row.line }) {
                report.problem(line: row.line, column: "parent_code", "is required: line \(other.line) is already the root")
            }
            if row.kind != .committee {
                report.problem(line: row.line, column: "kind", "the root of the tree must be a committee")
            }
            return
        }
        if let root, root.unit.code == row.code {
            report.problem(line: row.line, column: "parent_code", "must be empty: \(row.code) is the root, which cannot move")
            return
        }
        guard let parentKind = tree.kind(of: row.parentCode) else {
            report.problem(line: row.line, column: "parent_code", "no unit has the code \(row.parentCode), in the file or the tree")
            return
        }
        if UnitRules.isCell(parentKind) {
            report.problem(line: row.line, column: "parent_code", "\(row.parentCode) is a cell, which has no units under it")
        }
        if let cycle = tree.cycle(through: row.code) {
            report.problem(line: row.line, column: "parent_code", "makes a cycle: \(cycle.joined(separator: " → "))")
        }
        let children = tree.childCount[row.code, default: 0]
        if UnitRules.isCell(row.kind), children > 0 {
            report.problem(line: row.line, column: "kind", "a cell has no units under it, and \(children) would be under \(row.code)")
        }
    }

    private func compare(_ rows: [UnitFileRow], with tree: FinalTree, into report: inout ImportReportBuilder) {
        let field = ImportReportBuilder.fieldChange
        for row in rows {
            guard let record = tree.existing[row.code] else {
                report.added("\(row.code) \(row.name)")
                continue
            }
            let unit = record.unit
            var changes: [FieldChange] = []
            if unit.name != row.name { changes.append(field(row.code, "name", unit.name, row.name)) }
            if unit.kind != row.kind {
                changes.append(field(row.code, "kind", ImportFormat.word(for: unit.kind, in: ImportFormat.unitKinds),
                                     ImportFormat.word(for: row.kind, in: ImportFormat.unitKinds)))
            }
            if unit.cellType != row.cellType {
                changes.append(field(row.code, "cell_type", ImportFormat.word(for: unit.cellType, in: ImportFormat.cellTypes),
                                     ImportFormat.word(for: row.cellType, in: ImportFormat.cellTypes)))
            }
            report.changed(changes)
            let oldParent = tree.codeByID[unit.parentID] ?? ""
            if oldParent != row.parentCode { report.moved(field(row.code, "parent_code", oldParent, row.parentCode)) }
            if changes.isEmpty, oldParent == row.parentCode { report.unchanged() }
        }
        for record in tree.existing.values.sorted(by: { $0.path < $1.path }) where tree.file[record.unit.code] == nil {
            report.missing { "\(record.unit.code) \(record.unit.name)" }
        }
    }
}

/// The tree as it would be after the import: the file's units where the file puts
/// them, every other active unit where it is. Units are named by code.
private struct FinalTree {
    let file: [String: UnitFileRow]
    let existing: [String: UnitRecord]
    let codeByID: [String: String]
    /// How many units would be directly under each code.
    let childCount: [String: Int]
    let existingRoot: UnitRecord?

    init(file: [String: UnitFileRow], existing: [String: UnitRecord], codeByID: [String: String]) {
        self.file = file
        self.existing = existing
        self.codeByID = codeByID
        var childCount: [String: Int] = [:]
        for row in file.values where !row.parentCode.isEmpty { childCount[row.parentCode, default: 0] += 1 }
        for record in existing.values where file[record.unit.code] == nil {
            if let parent = codeByID[record.unit.parentID] { childCount[parent, default: 0] += 1 }
        }
        self.childCount = childCount
        existingRoot = existing.values.first { $0.unit.parentID.isEmpty }
    }


    func parent(of code: String) -> String? {
        if let row = file[code] { return row.parentCode.isEmpty ? nil : row.parentCode }
        return existing[code].flatMap { codeByID[$0.unit.parentID] }
    }

    func kind(of code: String) -> UnitKind? {
        file[code]?.kind ?? existing[code]?.unit.kind
    }

    /// The codes of a cycle that passes through `code` ("A", "B", "A"), if the parents
    /// lead back to it.
    func cycle(through code: String) -> [String]? {
        var path = [code]
        var seen: Set<String> = [code]
        var current = code
        while let next = parent(of: current) {
            if next == code { return path + [code] }
            // A cycle above that does not pass through `code` is reported on its own rows.
            guard seen.insert(next).inserted else { return nil }
            path.append(next)
            current = next
        }
        return nil
    }

    /// `rows` ordered by their depth in this tree, then by line.
    func topDown(_ rows: [UnitFileRow]) -> [UnitFileRow] {
        var depths: [String: Int] = [:]
        func depth(_ code: String) -> Int {
            if let known = depths[code] { return known }
            let value = parent(of: code).map { depth($0) + 1 } ?? 0
            depths[code] = value
            return value
        }
        return rows.map { (depth($0.code), $0) }.sorted { ($0.0, $0.1.line) < ($1.0, $1.1.line) }.map(\.1)
    }
}
