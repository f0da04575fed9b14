import OrgContracts
import RPC

/// How each member field is checked (the rows of `MemberField.all` name these), and
/// the check of a whole record.
enum MemberFields {
    static let maxTextLength = 300
    static let maxNotesLength = 20_000
    static let maxListLength = 200

    /// Checks and normalizes the fields named in `fields` of `member` (all of a new
    /// member's when creating); errors name "member.<field>". A name that is not a
    /// member field is INVALID_ARGUMENT on "fields".
    static func checked(_ member: Member, fields: Set<String>) throws(RPCError) -> Member {
        var member = member
        for field in try MemberField.resolve(fields) { try field.check(&member) }
        return member
    }

    static func text(_ value: String, _ field: String, required: Bool = false) throws(RPCError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required, trimmed.isEmpty { throw RPCError.invalidArgument(field: field, "is required") }
        guard trimmed.count <= maxTextLength else {
            throw RPCError.invalidArgument(field: field, "is longer than \(maxTextLength) characters")
        }
        return trimmed
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

    static func email(_ email: String, _ field: String) throws(RPCError) -> String {
        let trimmed = try text(email, field)
        guard trimmed.isEmpty || (trimmed.contains("@") && !trimmed.contains(" ")) else {
            throw RPCError.invalidArgument(field: field, "is not an email address")
        }
        return trimmed
    }

    /// Vietnamese phone numbers as people write them: digits, spaces, '.', '-', and a
    /// leading '+'; 9 to 15 digits. Stored as written, trimmed.
    static func phone(_ phone: String, _ field: String) throws(RPCError) -> String {
        let trimmed = phone.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "" }
        let digits = trimmed.filter(\.isNumber).count
        guard trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || " .-+".contains($0)) }),
              !trimmed.dropFirst().contains("+"), (9...15).contains(digits) else {
            throw RPCError.invalidArgument(field: field, "must be a phone number of 9 to 15 digits")
        }
        return trimmed
    }

    static func notes(_ notes: String, _ field: String) throws(RPCError) -> String {
        guard notes.count <= maxNotesLength else {
            throw RPCError.invalidArgument(field: field, "is longer than \(maxNotesLength) characters")
        }
        return notes
    }

    static func list<Entry>(_ entries: [Entry], _ field: String) throws(RPCError) -> [Entry] {
        guard entries.count <= maxListLength else {
            throw RPCError.invalidArgument(field: field, "holds more than \(maxListLength) entries")
        }
        return entries
    }
}
