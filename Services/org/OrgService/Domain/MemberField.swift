import OrgContracts
import RPC
import ServiceToolkit

/// One field of a member record that can be named in an update mask or an import:
/// the one table (`MemberField.all`) from which who may edit it, how it is checked,
/// how an update copies it and tells whether it changed, and how an import reads,
/// compares and reports it are all derived. A new field is one more row here.
struct MemberField: Sendable {
    /// Who may change the field through UpdateMember.
    enum Editors: Sendable {
        /// Staff with a grant on the member's unit.
        case staff
        /// The member alone (personal notes).
        case member
        /// Both the member and staff.
        case memberAndStaff
    }

    /// The name on the wire (update masks, history, import columns, reports).
    let name: String
    let editors: Editors
    /// How an import reads the field from its column of the same name: nil when a
    /// registry export does not carry it; otherwise sets it in `member`, or returns
    /// why the text cannot be a value of the field.
    let readFromFile: (@Sendable (_ text: String, _ member: inout Member) -> String?)?
    /// How import reports show the value (an enumerated one as the file's word).
    let shown: @Sendable (Member) -> String
    /// Personal data: reports say "(changed)", never the values.
    let isPersonal: Bool
    /// Sets the field of `member` to the one of `source`.
    let copy: @Sendable (_ source: Member, _ member: inout Member) -> Void
    /// The field's value in comparable form, for telling what an update changed.
    let value: @Sendable (Member) -> AnyHashable
    /// Checks and normalizes the field's value (`MemberFields` holds the rules);
    /// errors name "member.<field>".
    let check: @Sendable (inout Member) throws(RPCError) -> Void

    init<Value: Hashable & Sendable>(
        _ name: String, _ keyPath: WritableKeyPath<Member, Value> & Sendable, editors: Editors = .staff,
        file column: FileColumn<Value>? = nil, isPersonal: Bool = false,
        check: @escaping @Sendable (Value, _ field: String) throws(RPCError) -> Value
    ) {
        self.name = name
        self.editors = editors
        self.isPersonal = isPersonal
        if let column {
            readFromFile = { (text: String, member: inout Member) -> String? in
                guard let value = column.parse(text) else { return column.expected }
                member[keyPath: keyPath] = value
                return nil
            }
        } else {
            readFromFile = nil
        }
        shown = { member in column?.show(member[keyPath: keyPath]) ?? "\(member[keyPath: keyPath])" }
        copy = { source, member in member[keyPath: keyPath] = source[keyPath: keyPath] }
        value = { $0[keyPath: keyPath] }
        self.check = { member throws(RPCError) in
            member[keyPath: keyPath] = try check(member[keyPath: keyPath], "member.\(name)")
        }
    }

    static let all: [MemberField] = [
        MemberField("full_name", \.fullName, file: .text, check: MemberFields.name),
        MemberField("birth_date", \.birthDate, file: .text) { value, field throws(RPCError) in
            try ISODate.checked(value, field: field, required: true) },
        MemberField("gender", \.gender, file: .words(ImportFormat.genders), check: MemberFields.gender),
        MemberField("card_number", \.cardNumber, file: .text, isPersonal: true) { value, field throws(RPCError) in
            try PersonalNumbers.checked(value, field: field, required: true) },
        MemberField("citizen_id", \.citizenID, file: .text, isPersonal: true) { value, field throws(RPCError) in
            try PersonalNumbers.checked(value, field: field, required: false) },
        MemberField("phone", \.phone, editors: .memberAndStaff, file: .text, isPersonal: true,
                    check: MemberFields.phone),
        MemberField("email", \.email, editors: .memberAndStaff, file: .text, isPersonal: true,
                    check: MemberFields.email),
        MemberField("status", \.status, file: .words(ImportFormat.statuses), check: MemberFields.status),
        MemberField("admitted_on", \.admittedOn, file: .text) { value, field throws(RPCError) in
            try ISODate.checked(value, field: field, required: false) },
        MemberField("official_on", \.officialOn, file: .text) { value, field throws(RPCError) in
            try ISODate.checked(value, field: field, required: false) },
        MemberField("positions", \.positions, check: MemberFields.positions),
        MemberField("work_history", \.workHistory, check: MemberFields.workHistory),
        MemberField("rewards", \.rewards, check: MemberFields.decisions),
        MemberField("disciplines", \.disciplines, check: MemberFields.decisions),
        MemberField("personal_notes", \.personalNotes, editors: .member, check: MemberFields.notes),
    ]

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// What a member edits on their own profile.
    static let selfEditable = Set(all.filter { $0.editors != .staff }.map(\.name))
    /// What staff with a grant on the member's unit edit. Personal notes are the
    /// member's alone; the unit changes only through a transfer.
    static let staffEditable = Set(all.filter { $0.editors != .member }.map(\.name))
    /// What only the member may change, even staff may not.
    static let memberOnly = Set(all.filter { $0.editors == .member }.map(\.name))
    /// The fields of a registry export, in table order.
    static let registryFields = all.filter { $0.readFromFile != nil }.map(\.name)

    /// The fields named in an update mask, in table order, or INVALID_ARGUMENT
    /// naming the first name that is not a member field.
    static func resolve(_ names: Set<String>) throws(RPCError) -> [MemberField] {
        if let unknown = names.filter({ byName[$0] == nil }).sorted().first {
            throw RPCError.invalidArgument(field: "fields", "\(unknown.prefix(64)) is not a field that can be changed here")
        }
        return all.filter { names.contains($0.name) }
    }
}

/// How a registry file writes one member field: text as it is, or one word of a
/// vocabulary for an enumerated field.
struct FileColumn<Value: Sendable>: Sendable {
    let parse: @Sendable (String) -> Value?
    let show: @Sendable (Value) -> String
    /// The problem reported for text that `parse` refuses.
    let expected: String
}

extension FileColumn where Value == String {
    static var text: FileColumn<String> { FileColumn(parse: { $0 }, show: { $0 }, expected: "") }
}

extension FileColumn where Value: Equatable {
    /// Case-insensitive words of `vocabulary`; "" among them lets the column be empty.
    static func words(_ vocabulary: [String: Value]) -> FileColumn<Value> {
        FileColumn(parse: { vocabulary[$0.lowercased()] }, show: { ImportFormat.word(for: $0, in: vocabulary) },
                   expected: "must be " + (vocabulary[""] == nil ? "" : "empty or ") + ImportFormat.choices(vocabulary))
    }
}
