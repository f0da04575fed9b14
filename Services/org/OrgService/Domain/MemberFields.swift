import OrgContracts
import RPC

/// Which member fields exist for updates, who may edit them, and how each is checked.
enum MemberFields {
    /// What a member edits on their own profile.
    static let selfEditable: Set<String> = ["phone", "email", "personal_notes"]
    /// What staff with a grant on the member's unit edit. Personal notes are the
    /// member's alone; the unit changes only through a transfer.
    static let staffEditable: Set<String> = [
        "full_name", "birth_date", "gender", "card_number", "citizen_id", "phone", "email", "status",
        "admitted_on", "official_on", "positions", "work_history", "rewards", "disciplines",
    ]

    static let maxTextLength = 300
    static let maxNotesLength = 20_000
    static let maxListLength = 200

    /// Statuses a member can be created with or set to.
    static func checkStatus(_ status: MemberStatus) throws(RPCError) {
        switch status {
        case .probationary, .official, .exempt, .transferredOut, .deceased: return
        case .unspecified, .unrecognized: throw RPCError.invalidArgument(field: "member.status", "must be a known status")
        }
    }

    /// Checks and normalizes the fields named in `fields` of `member` (all of a new
    /// member's when creating); errors name "member.<field>".
    static func checked(_ member: Member, fields: Set<String>) throws(RPCError) -> Member {
        var member = member
        func text(_ value: String, _ field: String, required: Bool = false) throws(RPCError) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if required, trimmed.isEmpty { throw RPCError.invalidArgument(field: "member.\(field)", "is required") }
            guard trimmed.count <= maxTextLength else {
                throw RPCError.invalidArgument(field: "member.\(field)", "is longer than \(maxTextLength) characters")
            }
            return trimmed
        }
        if fields.contains("full_name") { member.fullName = try text(member.fullName, "full_name", required: true) }
        if fields.contains("birth_date") {
            member.birthDate = try ISODate.checked(member.birthDate, field: "member.birth_date", required: true)
        }
        if fields.contains("gender") {
            switch member.gender {
            case .unspecified, .male, .female: break
            case .unrecognized: throw RPCError.invalidArgument(field: "member.gender", "must be a known gender")
            }
        }
        if fields.contains("card_number") {
            member.cardNumber = try PersonalNumbers.checked(member.cardNumber, field: "member.card_number", required: true)
        }
        if fields.contains("citizen_id") {
            member.citizenID = try PersonalNumbers.checked(member.citizenID, field: "member.citizen_id", required: false)
        }
        if fields.contains("phone") { member.phone = try checkedPhone(member.phone) }
        if fields.contains("email") {
            member.email = try text(member.email, "email")
            guard member.email.isEmpty || (member.email.contains("@") && !member.email.contains(" ")) else {
                throw RPCError.invalidArgument(field: "member.email", "is not an email address")
            }
        }
        if fields.contains("status") { try checkStatus(member.status) }
        if fields.contains("admitted_on") {
            member.admittedOn = try ISODate.checked(member.admittedOn, field: "member.admitted_on", required: false)
        }
        if fields.contains("official_on") {
            member.officialOn = try ISODate.checked(member.officialOn, field: "member.official_on", required: false)
        }
        if fields.contains("personal_notes"), member.personalNotes.count > maxNotesLength {
            throw RPCError.invalidArgument(field: "member.personal_notes", "is longer than \(maxNotesLength) characters")
        }
        for (field, count) in [("positions", member.positions.count), ("work_history", member.workHistory.count),
                               ("rewards", member.rewards.count), ("disciplines", member.disciplines.count)]
        where fields.contains(field) && count > maxListLength {
            throw RPCError.invalidArgument(field: "member.\(field)", "holds more than \(maxListLength) entries")
        }
        return member
    }

    /// Vietnamese phone numbers as people write them: digits, spaces, '.', '-', and a
    /// leading '+'; 9 to 15 digits. Stored as written, trimmed.
    static func checkedPhone(_ phone: String) throws(RPCError) -> String {
        let trimmed = phone.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "" }
        let digits = trimmed.filter(\.isNumber).count
        guard trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || " .-+".contains($0)) }),
              !trimmed.dropFirst().contains("+"), (9...15).contains(digits) else {
            throw RPCError.invalidArgument(field: "member.phone", "must be a phone number of 9 to 15 digits")
        }
        return trimmed
    }
}
