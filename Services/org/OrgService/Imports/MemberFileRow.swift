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
        member.cardNumber = header.value("card_number", in: row)
        member.fullName = header.value("full_name", in: row)
        member.birthDate = header.value("birth_date", in: row)
        member.citizenID = header.value("citizen_id", in: row)
        member.phone = header.value("phone", in: row)
        member.email = header.value("email", in: row)
        member.admittedOn = header.value("admitted_on", in: row)
        member.officialOn = header.value("official_on", in: row)
        if let gender = ImportFormat.genders[header.value("gender", in: row).lowercased()] {
            member.gender = gender
        } else {
            report.problem(line: row.line, column: "gender", "must be empty or \(ImportFormat.choices(ImportFormat.genders))")
        }
        if let status = ImportFormat.statuses[header.value("status", in: row).lowercased()] {
            member.status = status
        } else {
            report.problem(line: row.line, column: "status", "must be \(ImportFormat.choices(ImportFormat.statuses))")
        }
        let unitCode = header.value("unit_code", in: row)
        if unitCode.isEmpty { report.problem(line: row.line, column: "unit_code", "is required") }

        let checkedFields = fields.subtracting(["gender", "status"])
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
