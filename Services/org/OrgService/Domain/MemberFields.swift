import OrgContracts
import RPC
import ServiceToolkit

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

    static let maxNotesLength = 20_000
    static let email = TextLimit(maxCharacters: 254)
    static let notes = TextLimit(maxCharacters: maxNotesLength, multiline: true)
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
    /// `today` (Vietnam's date), when given, bounds the birth date.
    static func checked(_ member: Member, fields: Set<String>, today: String? = nil) throws(RPCError) -> Member {
        var member = member
        if fields.contains("full_name") { member.fullName = try TextInput.name(member.fullName, field: "member.full_name") }
        if fields.contains("birth_date") {
            member.birthDate = try ISODate.checked(member.birthDate, field: "member.birth_date", required: true,
                                                   notAfter: today)
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
            member.email = try TextInput.checked(member.email, field: "member.email", limit: email, required: false)
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
        if fields.contains("admitted_on") || fields.contains("official_on") {
            try ISODate.requireOrder(("member.admitted_on", member.admittedOn), ("member.official_on", member.officialOn))
        }
        if fields.contains("personal_notes") {
            member.personalNotes = try TextInput.checked(member.personalNotes, field: "member.personal_notes", limit: notes,
                                                         required: false)
        }
        for (field, count) in [("positions", member.positions.count), ("work_history", member.workHistory.count),
                               ("rewards", member.rewards.count), ("disciplines", member.disciplines.count)]
        where fields.contains(field) && count > maxListLength {
            throw RPCError.invalidArgument(field: "member.\(field)", "holds more than \(maxListLength) entries")
        }
        try checkEntries(&member, fields: fields)
        return member
    }

    /// The texts and dates inside positions, work history, rewards and disciplines.
    private static func checkEntries(_ member: inout Member, fields: Set<String>) throws(RPCError) {
        func line(_ text: String, _ field: String) throws(RPCError) -> String {
            try TextInput.checked(text, field: "member.\(field)", limit: .name, required: false)
        }
        func date(_ text: String, _ field: String) throws(RPCError) -> String {
            try ISODate.checked(text, field: "member.\(field)", required: false)
        }
        if fields.contains("positions") {
            for index in member.positions.indices {
                let path = "positions[\(index)]"
                member.positions[index].title = try line(member.positions[index].title, path + ".title")
                member.positions[index].unitID = try RecordID.checked(member.positions[index].unitID, prefix: "u",
                                                                      field: "member.\(path).unit_id", required: false)
                member.positions[index].since = try date(member.positions[index].since, path + ".since")
                member.positions[index].until = try date(member.positions[index].until, path + ".until")
                try ISODate.requireOrder((path + ".since", member.positions[index].since),
                                         (path + ".until", member.positions[index].until))
            }
        }
        if fields.contains("work_history") {
            for index in member.workHistory.indices {
                let path = "work_history[\(index)]"
                member.workHistory[index].organisation = try line(member.workHistory[index].organisation,
                                                                  path + ".organisation")
                member.workHistory[index].role = try line(member.workHistory[index].role, path + ".role")
                member.workHistory[index].since = try date(member.workHistory[index].since, path + ".since")
                member.workHistory[index].until = try date(member.workHistory[index].until, path + ".until")
                try ISODate.requireOrder((path + ".since", member.workHistory[index].since),
                                         (path + ".until", member.workHistory[index].until))
            }
        }
        for (field, decisions) in [("rewards", \Member.rewards), ("disciplines", \Member.disciplines)]
        where fields.contains(field) {
            for index in member[keyPath: decisions].indices {
                let path = "\(field)[\(index)]"
                member[keyPath: decisions][index].title = try line(member[keyPath: decisions][index].title, path + ".title")
                member[keyPath: decisions][index].decidedBy = try line(member[keyPath: decisions][index].decidedBy,
                                                                       path + ".decided_by")
                member[keyPath: decisions][index].date = try date(member[keyPath: decisions][index].date, path + ".date")
            }
        }
    }

    /// Vietnamese phone numbers as people write them: digits, spaces, '.', '-', and a
    /// leading '+'; 9 to 15 digits. Stored as written, trimmed.
    static func checkedPhone(_ phone: String) throws(RPCError) -> String {
        guard phone.utf8.count <= 32 else {
            throw RPCError.invalidArgument(field: "member.phone", "must be a phone number of 9 to 15 digits")
        }
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
