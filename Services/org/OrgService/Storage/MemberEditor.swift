import OrgContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Creates and edits member records inside the caller's transaction, keeping the
/// sealed columns, the card index, the subtree totals and the history in step.
/// Input is checked (`MemberFields`) and rights are checked by the handlers first.
struct MemberEditor {
    let connection: Connection
    let vault: MemberVault
    let actorID: String
    let nowMs: Int64

    var history: MemberHistory { MemberHistory(connection: connection, actorID: actorID, atMs: nowMs) }

    func create(_ input: Member, reason: String, kind: MemberChangeKind = .memberCreated) throws -> MemberRecord {
        let unit = try UnitRecord.requireActive(input.unitID, field: "member.unit_id", in: connection)
        var member = input
        member.id = RecordID.make("m", nowMs: nowMs)
        member.createdAtMS = nowMs
        member.updatedAtMS = nowMs
        member.version = 1
        do {
            try connection.execute(
                """
                INSERT INTO members (id, full_name, name_folded, birth_date, gender, card_lookup, card_sealed,
                                     citizen_lookup, citizen_sealed, phone, email, unit_id, status, admitted_on,
                                     official_on, details, personal_notes, created_at_ms, updated_at_ms, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [member.id, member.fullName, TextFolding.fold(member.fullName), member.birthDate,
                 Int64(member.gender.rawValue)] + (try sealedColumns(of: member))
                    + [try vault.sealPhone(member.phone, memberID: member.id), member.email, unit.id,
                       Int64(member.status.rawValue), member.admittedOn, member.officialOn, MemberRecord.details(of: member),
                       member.personalNotes, nowMs, nowMs, Int64(1)])
        } catch let error as StoreError where error.isDuplicateKey {
            throw RPCError(.alreadyExists, "member.card_number: another member has this party card")
        }
        try TotalsTable.add(MemberMover.contribution(member.status, in: unit), to: unit.selfAndAncestorIDs, in: connection)
        try history.record(kind, memberID: member.id, reason: reason, toUnitID: unit.id)
        return MemberRecord(member: member, editedFields: [])
    }

    /// Sets the fields named in `fields` from `input`. `markEdited` records them as
    /// edited here, so a later import reports rather than overwrites them; an import
    /// itself passes false and clears the marks of the fields it sets.
    func update(_ record: MemberRecord, from input: Member, fields: Set<String>, markEdited: Bool, reason: String,
                kind: MemberChangeKind = .memberUpdated) throws -> MemberRecord {
        var member = record.member
        for field in fields { Self.copy(field, from: input, to: &member) }
        let changed = fields.filter { Self.value(of: $0, in: member) != Self.value(of: $0, in: record.member) }.sorted()
        guard !changed.isEmpty else { return record }
        if member.status != record.member.status {
            let unit = try UnitRecord.require(member.unitID, field: "member.unit_id", in: connection)
            try TotalsTable.add(MemberMover.contribution(member.status, in: unit)
                                    - MemberMover.contribution(record.member.status, in: unit),
                                to: unit.selfAndAncestorIDs, in: connection)
        }
        member.version += 1
        member.updatedAtMS = nowMs
        let edited = markEdited ? record.editedFields.union(changed) : record.editedFields.subtracting(fields)
        do {
            try connection.execute(
                """
                UPDATE members SET full_name = ?, name_folded = ?, birth_date = ?, gender = ?, card_lookup = ?,
                    card_sealed = ?, citizen_lookup = ?, citizen_sealed = ?, phone = ?, email = ?, status = ?,
                    admitted_on = ?, official_on = ?, details = ?, personal_notes = ?, updated_at_ms = ?, version = ?,
                    edited_fields = ?
                WHERE id = ?
                """,
                [member.fullName, TextFolding.fold(member.fullName), member.birthDate, Int64(member.gender.rawValue)]
                    + (try sealedColumns(of: member))
                    + [try vault.sealPhone(member.phone, memberID: member.id), member.email,
                       Int64(member.status.rawValue), member.admittedOn, member.officialOn,
                       MemberRecord.details(of: member), member.personalNotes, nowMs, member.version,
                       edited.sorted().joined(separator: ","), member.id])
        } catch let error as StoreError where error.isDuplicateKey {
            throw RPCError(.alreadyExists, "member.card_number: another member has this party card")
        }
        try history.record(kind, memberID: member.id, reason: reason, fields: changed)
        return MemberRecord(member: member, editedFields: edited)
    }

    /// card_lookup, card_sealed, citizen_lookup, citizen_sealed.
    private func sealedColumns(of member: Member) throws -> [(any SQLValueConvertible)?] {
        let citizen = member.citizenID
        return [try vault.lookup(member.cardNumber, purpose: "card"), try vault.seal(member.cardNumber, memberID: member.id),
                citizen.isEmpty ? nil : try vault.lookup(citizen, purpose: "citizen"),
                citizen.isEmpty ? nil : try vault.seal(citizen, memberID: member.id)]
    }

    static func copy(_ field: String, from source: Member, to member: inout Member) {
        switch field {
        case "full_name": member.fullName = source.fullName
        case "birth_date": member.birthDate = source.birthDate
        case "gender": member.gender = source.gender
        case "card_number": member.cardNumber = source.cardNumber
        case "citizen_id": member.citizenID = source.citizenID
        case "phone": member.phone = source.phone
        case "email": member.email = source.email
        case "status": member.status = source.status
        case "admitted_on": member.admittedOn = source.admittedOn
        case "official_on": member.officialOn = source.officialOn
        case "positions": member.positions = source.positions
        case "work_history": member.workHistory = source.workHistory
        case "rewards": member.rewards = source.rewards
        case "disciplines": member.disciplines = source.disciplines
        case "personal_notes": member.personalNotes = source.personalNotes
        default: preconditionFailure("field \(field) was not checked against MemberFields")
        }
    }

    /// A field's value in comparable form, for telling what an update changed.
    static func value(of field: String, in member: Member) -> AnyHashable {
        switch field {
        case "full_name": member.fullName
        case "birth_date": member.birthDate
        case "gender": member.gender
        case "card_number": member.cardNumber
        case "citizen_id": member.citizenID
        case "phone": member.phone
        case "email": member.email
        case "status": member.status
        case "admitted_on": member.admittedOn
        case "official_on": member.officialOn
        case "positions": member.positions
        case "work_history": member.workHistory
        case "rewards": member.rewards
        case "disciplines": member.disciplines
        case "personal_notes": member.personalNotes
        default: AnyHashable(field)
        }
    }
}
