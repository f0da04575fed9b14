import OrgContracts
import RPC
import ServiceToolkit

/// How each member field is checked (the rows of `MemberField.all` name these), and
/// the check of a whole record.
enum MemberFields {
    static let maxNotesLength = 20_000
    static let email = TextLimit(maxCharacters: 254)
    static let notes = TextLimit(maxCharacters: maxNotesLength, multiline: true)
    static let maxListLength = 200

    /// Checks and normalizes the fields named in `fields` of `member` (all of a new
    /// member's when creating); errors name "member.<field>". A name that is not a
    /// member field is INVALID_ARGUMENT on "fields". `today` (Vietnam's date), when
    /// given, also holds the dates to their order (`MemberDates`).
    static func checked(_ member: Member, fields: Set<String>, today: String? = nil) throws(RPCError) -> Member {
        var member = member
        for field in try MemberField.resolve(fields) { try field.check(&member) }
        if let today, let problem = MemberDates.problems(of: member, today: today).first { throw problem }
        return member
    }

    static func name(_ value: String, _ field: String) throws(RPCError) -> String {
        try TextInput.name(value, field: field)
    }

    static func gender(_ gender: Gender, _ field: String) throws(RPCError) -> Gender {
        switch gender {
        case .unspecified, .male, .female: return gender
        case .unrecognized: throw RPCError.invalidArgument(field: field, "must be a known gender")
        }
    }

    /// Statuses a member can be created with or set to.
    static func status(_ status: MemberStatus, _ field: String) throws(RPCError) -> MemberStatus {
        switch status {
        case .probationary, .official, .exempt, .transferredOut, .deceased: return status
        case .unspecified, .unrecognized: throw RPCError.invalidArgument(field: field, "must be a known status")
        }
    }

    static func email(_ value: String, _ field: String) throws(RPCError) -> String {
        let checked = try TextInput.checked(value, field: field, limit: email, required: false)
        guard checked.isEmpty || (checked.contains("@") && !checked.contains(" ")) else {
            throw RPCError.invalidArgument(field: field, "is not an email address")
        }
        return checked
    }

    /// Vietnamese phone numbers as people write them: digits, spaces, '.', '-', and a
    /// leading '+'; 9 to 15 digits. Stored as written, trimmed.
    static func phone(_ phone: String, _ field: String) throws(RPCError) -> String {
        // Before any work on it: the longest phone number people write fits in 32 bytes.
        guard phone.utf8.count <= 32 else {
            throw RPCError.invalidArgument(field: field, "must be a phone number of 9 to 15 digits")
        }
        let trimmed = phone.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "" }
        let digits = trimmed.filter(\.isNumber).count
        guard trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || " .-+".contains($0)) }),
              !trimmed.dropFirst().contains("+"), (9...15).contains(digits) else {
            throw RPCError.invalidArgument(field: field, "must be a phone number of 9 to 15 digits")
        }
        return trimmed
    }

    static func notes(_ value: String, _ field: String) throws(RPCError) -> String {
        try TextInput.checked(value, field: field, limit: notes, required: false)
    }

    static func positions(_ entries: [Position], _ field: String) throws(RPCError) -> [Position] {
        var entries = try list(entries, field)
        for index in entries.indices {
            let path = "\(field)[\(index)]"
            entries[index].title = try line(entries[index].title, path + ".title")
            entries[index].unitID = try RecordID.checked(entries[index].unitID, prefix: "u", field: path + ".unit_id",
                                                         required: false)
            (entries[index].since, entries[index].until) = try period(entries[index].since, entries[index].until, path)
        }
        return entries
    }

    static func workHistory(_ entries: [WorkPeriod], _ field: String) throws(RPCError) -> [WorkPeriod] {
        var entries = try list(entries, field)
        for index in entries.indices {
            let path = "\(field)[\(index)]"
            entries[index].organisation = try line(entries[index].organisation, path + ".organisation")
            entries[index].role = try line(entries[index].role, path + ".role")
            (entries[index].since, entries[index].until) = try period(entries[index].since, entries[index].until, path)
        }
        return entries
    }

    /// Rewards and disciplines.
    static func decisions(_ entries: [Decision], _ field: String) throws(RPCError) -> [Decision] {
        var entries = try list(entries, field)
        for index in entries.indices {
            let path = "\(field)[\(index)]"
            entries[index].title = try line(entries[index].title, path + ".title")
            entries[index].decidedBy = try line(entries[index].decidedBy, path + ".decided_by")
            entries[index].date = try ISODate.checked(entries[index].date, field: path + ".date", required: false)
        }
        return entries
    }

    private static func list<Entry>(_ entries: [Entry], _ field: String) throws(RPCError) -> [Entry] {
        guard entries.count <= maxListLength else {
            throw RPCError.invalidArgument(field: field, "holds more than \(maxListLength) entries")
        }
        return entries
    }

    private static func line(_ text: String, _ field: String) throws(RPCError) -> String {
        try TextInput.checked(text, field: field, limit: .name, required: false)
    }

    /// A since–until pair: real dates, in order.
    private static func period(_ since: String, _ until: String, _ path: String) throws(RPCError)
        -> (since: String, until: String)
    {
        let since = try ISODate.checked(since, field: path + ".since", required: false)
        let until = try ISODate.checked(until, field: path + ".until", required: false)
        try ISODate.requireOrder((path + ".since", since), (path + ".until", until))
        return (since, until)
    }
}
