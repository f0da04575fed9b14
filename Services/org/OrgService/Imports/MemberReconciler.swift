import OrgContracts
import RPC
import Store

/// A members file planned against the registry: the report, and what applying needs.
struct MemberImportPlan {
    var report: ImportReportBuilder
    /// New members, checked, with their unit.
    let additions: [Member]
    let updates: [MemberImportUpdate]
    /// Active units by id, as the plan read them.
    let activeUnits: [String: UnitRecord]
}

/// What an import changes on one member already here.
struct MemberImportUpdate {
    let memberID: String
    /// The file's values; only `fields` are taken from it.
    let input: Member
    /// Fields that differ and were not edited here since the last import.
    let fields: Set<String>
    /// The unit the member moves to, when the file puts them elsewhere.
    let toUnit: UnitRecord?
}

/// Compares a members file with the registry, matching members by party card (its
/// keyed hash, so nothing is decrypted to match): members added, fields changed,
/// members moved to another unit, members missing (counted as members here in a unit
/// the file names, absent from the file: reported, never removed), and conflicts, where the file differs on a
/// field that a member or staff edited here since the last import: the edit is kept.
struct MemberReconciler {
    /// Compared field by field, in report order. The card is the key, the unit a move.
    static let comparedFields = MemberField.all.filter { $0.readFromFile != nil && $0.name != "card_number" }

    let connection: Connection
    let vault: MemberVault
    /// YYYY-MM-DD: dates in the file may not come after it.
    let today: String

    func plan(_ staged: StagedImport, rows: [ImportRow], limit: Int) throws -> MemberImportPlan {
        var report = ImportReportBuilder(importID: staged.id, kind: .members, rows: rows.count, limit: limit)
        staged.header.problems.forEach { report.problem($0) }
        var activeUnits: [String: UnitRecord] = [:]
        var activeByCode: [String: UnitRecord] = [:]
        try connection.forEachRow("SELECT \(UnitRecord.columns) FROM units WHERE state = 1") { row in
            let record = try UnitRecord(row: row)
            activeUnits[record.id] = record
            activeByCode[record.unit.code] = record
        }
        var codeByID: [String: String] = [:]
        try connection.forEachRow("SELECT id, code FROM units") { codeByID[try $0.get(0)] = try $0.get(1) }
        let stored = try storedMembers()

        var lineByCard: [String: Int32] = [:]
        var seen: Set<[UInt8]> = []
        var additions: [Member] = []
        var updates: [MemberImportUpdate] = []
        // The file speaks for the units it names, and only those: a member here in a
        // unit the file never mentions is not "missing" from a file about other units.
        var coveredUnitIDs: Set<String> = []
        for row in rows {
            if let unit = activeByCode[staged.header.value("unit_code", in: row)] { coveredUnitIDs.insert(unit.id) }
        }
        for row in rows {
            guard let parsed = MemberFileRow.parse(row, header: staged.header, today: today, into: &report) else {
                continue
            }
            var member = parsed.member
            if let first = lineByCard[member.cardNumber] {
                report.problem(line: parsed.line, column: "card_number", "the same card as line \(first)")
                continue
            }
            lineByCard[member.cardNumber] = parsed.line
            guard let unit = activeByCode[parsed.unitCode] else {
                report.problem(line: parsed.line, column: "unit_code", "no active unit has the code \(parsed.unitCode.prefix(64))")
                continue
            }
            member.unitID = unit.id
            let cardLookup = try vault.lookup(member.cardNumber, purpose: "card")
            seen.insert(cardLookup)
            let key = MemberFileRow.recordKey(card: member.cardNumber, fullName: member.fullName)
            guard let current = stored.byCard[cardLookup] else {
                report.added(key)
                additions.append(member)
                continue
            }
            var changes: [FieldChange] = []
            var fields: Set<String> = []
            var conflicts = 0
            for field in Self.comparedFields where try differs(field, file: member, stored: current) {
                let change = Self.change(key, field, from: current.member, to: member)
                if current.editedFields.contains(field.name) {
                    report.conflict(change)
                    conflicts += 1
                } else {
                    changes.append(change)
                    fields.insert(field.name)
                }
            }
            report.changed(changes)
            let moves = current.member.unitID != unit.id
            if moves {
                report.moved(ImportReportBuilder.fieldChange(key, "unit_code", codeByID[current.member.unitID] ?? "",
                                                             unit.unit.code))
            }
            if !fields.isEmpty || moves {
                updates.append(MemberImportUpdate(memberID: current.member.id, input: member, fields: fields,
                                                  toUnit: moves ? unit : nil))
            } else if conflicts == 0 {
                report.unchanged()
            }
        }
        for current in stored.inOrder where Self.counted(current.member.status)
            && coveredUnitIDs.contains(current.member.unitID) && !seen.contains(current.cardLookup) {
            try report.missing {
                MemberFileRow.recordKey(card: try vault.open(current.cardSealed, memberID: current.member.id),
                                        fullName: current.member.fullName)
            }
        }
        return MemberImportPlan(report: report, additions: additions, updates: updates, activeUnits: activeUnits)
    }

    /// Members who count in the registry (as the subtree totals do).
    private static func counted(_ status: MemberStatus) -> Bool {
        [.probationary, .official, .exempt].contains(status)
    }

    private func differs(_ field: MemberField, file: Member, stored: StoredMember) throws -> Bool {
        guard field.name == "citizen_id" else { return field.value(file) != field.value(stored.member) }
        // Compared by keyed hash: the stored citizen id stays sealed.
        let fileLookup = file.citizenID.isEmpty ? nil : try vault.lookup(file.citizenID, purpose: "citizen")
        return fileLookup != stored.citizenLookup
    }

    private static func change(_ key: String, _ field: MemberField, from old: Member, to new: Member) -> FieldChange {
        guard !field.isPersonal else {
            return ImportReportBuilder.fieldChange(key, field.name, "(changed)", "(changed)")
        }
        return ImportReportBuilder.fieldChange(key, field.name, field.shown(old), field.shown(new))
    }

    /// A member as stored, without opening the sealed columns.
    struct StoredMember {
        var member: Member
        let cardLookup: [UInt8]
        let cardSealed: [UInt8]
        let citizenLookup: [UInt8]?
        let editedFields: Set<String>
    }

    private func storedMembers() throws -> (byCard: [[UInt8]: StoredMember], inOrder: [StoredMember]) {
        var inOrder: [StoredMember] = []
        try connection.forEachRow(
            """
            SELECT id, card_lookup, card_sealed, citizen_lookup, full_name, birth_date, gender, phone, email, unit_id,
                   status, admitted_on, official_on, edited_fields
            FROM members ORDER BY rowid
            """
        ) { row in
            var member = Member()
            member.id = try row.get(0)
            member.fullName = try row.get(4)
            member.birthDate = try row.get(5)
            member.gender = Gender(rawValue: Int32(try row.get(6) as Int64))
            member.phone = try vault.openPhone(row.values[7], memberID: member.id)
            member.email = try row.get(8)
            member.unitID = try row.get(9)
            member.status = MemberStatus(rawValue: Int32(try row.get(10) as Int64))
            member.admittedOn = try row.get(11)
            member.officialOn = try row.get(12)
            let edited: String = try row.get(13)
            inOrder.append(StoredMember(member: member, cardLookup: try row.get(1), cardSealed: try row.get(2),
                                        citizenLookup: try row.get(3),
                                        editedFields: Set(edited.split(separator: ",").map(String.init))))
        }
        return (Dictionary(inOrder.map { ($0.cardLookup, $0) }, uniquingKeysWith: { first, _ in first }), inOrder)
    }
}
