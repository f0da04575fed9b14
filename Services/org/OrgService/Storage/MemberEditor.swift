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
        let named = try MemberField.resolve(fields)
        for field in named { field.copy(input, &member) }
        let changed = named.filter { $0.value(member) != $0.value(record.member) }.map(\.name).sorted()
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
}
