import ContentContracts
import RPC
import ServiceToolkit

/// The checks on what an editor writes, field by field, before any work: every text
/// through `TextInput` with its limit, dates as real dates in order, and the rules that
/// tie fields together. Errors name the field (`content.title`).
enum ContentInput {
    static let title = TextLimit(maxCharacters: 500)
    static let number = TextLimit(maxCharacters: 64)
    /// The longest resolution texts run to some 100,000 characters.
    static let body = TextLimit(maxCharacters: 300_000, multiline: true)
    /// Documents with a formal number, issuer and issue date.
    static let numbered: Set<ItemKind> = [.resolution, .directive, .regulation, .conclusion, .guidance, .plan, .report]

    static func kind(_ kind: ItemKind, field: String = "kind") throws(RPCError) -> ItemKind {
        guard ItemKind.known.contains(kind) else { throw RPCError.invalidArgument(field: field, "must be a known kind") }
        return kind
    }

    static func checked(_ content: ItemContent, kind: ItemKind) throws(RPCError) -> ItemContent {
        let formal = numbered.contains(kind)
        var checked = ItemContent()
        checked.title = try TextInput.checked(content.title, field: "content.title", limit: title)
        checked.number = try TextInput.checked(content.number, field: "content.number", limit: number, required: formal)
        checked.issuer = try TextInput.checked(content.issuer, field: "content.issuer", limit: .name, required: formal)
        checked.issueDate = try ISODate.checked(content.issueDate, field: "content.issue_date", required: formal)
        checked.effectiveDate = try ISODate.checked(content.effectiveDate, field: "content.effective_date", required: false)
        try ISODate.requireOrder(("content.issue_date", checked.issueDate), ("content.effective_date", checked.effectiveDate))
        switch content.documentStatus {
        case .unspecified, .inForce:
            guard content.replacedByID.isEmpty else {
                throw RPCError.invalidArgument(field: "content.replaced_by_id", "is only for a replaced document")
            }
            checked.documentStatus = kind.isDocument ? .inForce : .unspecified
        case .replaced:
            guard kind.isDocument else {
                throw RPCError.invalidArgument(field: "content.document_status", "is only for documents")
            }
            checked.documentStatus = .replaced
            checked.replacedByID = try RecordID.checked(content.replacedByID, prefix: "ci", field: "content.replaced_by_id")
        case .unrecognized:
            throw RPCError.invalidArgument(field: "content.document_status", "must be a known status")
        }
        switch content.classification {
        case .public, .restricted: checked.classification = content.classification
        case .unspecified, .unrecognized:
            throw RPCError.invalidArgument(field: "content.classification", "must say public or restricted")
        }
        checked.body = try TextInput.checked(content.body, field: "content.body", limit: body)
        return checked
    }
}
