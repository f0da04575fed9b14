import OrgContracts
import RPC
import ServiceToolkit
import Store
import Wire

/// A row of `members` read back into the contract's `Member`, card number, citizen id
/// and phone opened from their sealed form.
struct MemberRecord: Sendable {
    var member: Member
    /// Fields edited here since the last import (see `edited_fields`).
    var editedFields: Set<String>

    var id: String { member.id }

    static let columns = """
        id, full_name, birth_date, gender, card_sealed, citizen_sealed, phone, email, unit_id, status, \
        admitted_on, official_on, details, personal_notes, created_at_ms, updated_at_ms, version, edited_fields
        """

    init(member: Member, editedFields: Set<String>) {
        self.member = member
        self.editedFields = editedFields
    }

    init(row: Row, vault: MemberVault) throws {
        var member = Member()
        member.id = try row.get(0)
        member.fullName = try row.get(1)
        member.birthDate = try row.get(2)
        member.gender = Gender(rawValue: Int32(try row.get(3) as Int64))
        member.cardNumber = try vault.open(try row.get(4), memberID: member.id)
        member.citizenID = try (try row.get(5, as: [UInt8]?.self)).map { try vault.open($0, memberID: member.id) } ?? ""
        member.phone = try vault.openPhone(row.values[6], memberID: member.id)
        member.email = try row.get(7)
        member.unitID = try row.get(8)
        member.status = MemberStatus(rawValue: Int32(try row.get(9) as Int64))
        member.admittedOn = try row.get(10)
        member.officialOn = try row.get(11)
        let details = try Member(wireEncoded: try row.get(12) as [UInt8])
        member.positions = details.positions
        member.workHistory = details.workHistory
        member.rewards = details.rewards
        member.disciplines = details.disciplines
        member.personalNotes = try row.get(13)
        member.createdAtMS = try row.get(14)
        member.updatedAtMS = try row.get(15)
        member.version = try row.get(16)
        self.member = member
        let edited: String = try row.get(17)
        editedFields = Set(edited.split(separator: ",").map(String.init))
    }

    /// The lists kept together in the `details` column.
    static func details(of member: Member) -> [UInt8] {
        var details = Member()
        details.positions = member.positions
        details.workHistory = member.workHistory
        details.rewards = member.rewards
        details.disciplines = member.disciplines
        return details.wireEncoded()
    }

    static func find(_ id: String, vault: MemberVault, in connection: Connection) throws -> MemberRecord? {
        try connection.queryOne("SELECT \(columns) FROM members WHERE id = ?", [id])
            .map { try MemberRecord(row: $0, vault: vault) }
    }

    static func require(_ id: String, vault: MemberVault, in connection: Connection) throws -> MemberRecord {
        guard let record = try find(try RecordID.checked(id, prefix: "m", field: "member_id"), vault: vault,
                                    in: connection) else {
            throw RPCError(.notFound, "member_id: no member \(id.prefix(64))")
        }
        return record
    }
}
