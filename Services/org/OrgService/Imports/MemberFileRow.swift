import OrgContracts
import RPC

/// One row of a members file, checked on its own with the same rules as an edit
/// (`MemberFields`); its unit is resolved by `MemberReconciler`.
struct MemberFileRow {
    /// The fields a registry export carries (`MemberField.registryFields`).
    static let fields = Set(MemberField.registryFields)

    let line: Int32
    /// Checked and normalized; `unit_id` is left empty.
    let member: Member
    let unitCode: String

    /// The row, or nil after reporting every bad value in it.
    /// `today` (YYYY-MM-DD) is what dates may not come after.
    static func parse(_ row: ImportRow, header: ImportHeader, today: String,
                      into report: inout ImportReportBuilder) -> MemberFileRow? {
        guard header.checkShape(of: row, into: &report) else { return nil }
        let problemsBefore = report.problemCount
        var member = Member()
        var unreadable: Set<String> = []
        for field in MemberField.all {
            guard let read = field.readFromFile else { continue }
            if let problem = read(header.value(field.name, in: row), &member) {
                report.problem(line: row.line, column: field.name, problem)
                unreadable.insert(field.name)
            }
        }
        let unitCode = header.value("unit_code", in: row)
        if unitCode.isEmpty { report.problem(line: row.line, column: "unit_code", "is required") }

        // A column already reported unreadable is not reported again by its check.
        let checkedFields = fields.subtracting(unreadable)
        do {
            member = try MemberFields.checked(member, fields: checkedFields)
        } catch {
            // The first bad field stopped the check: look at each field alone so the
            // report names every one.
            for field in checkedFields.sorted() {
                do { _ = try MemberFields.checked(member, fields: [field]) } catch { report.problem(line: row.line, error) }
            }
        }
        guard report.problemCount == problemsBefore else { return nil }
        for problem in MemberDates.problems(of: member, today: today) { report.problem(line: row.line, problem) }
        guard report.problemCount == problemsBefore else { return nil }
        return MemberFileRow(line: row.line, member: member, unitCode: unitCode)
    }

    /// How reports name a member without showing their card: "…1234 Nguyễn Văn An".
    static func recordKey(card: String, fullName: String) -> String {
        "…\(card.suffix(4)) \(fullName)"
    }
}
