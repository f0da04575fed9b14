import ContentContracts

/// A document to load: its kind and content, and where in the tree it belongs
/// (`level` 0 for the root, 1 for a unit under it, …: the loader picks a unit there).
public struct SeedDocument: Sendable {
    public let kind: ItemKind
    public let content: ItemContent
    public let level: Int

    public init(kind: ItemKind, content: ItemContent, level: Int = 0) {
        self.kind = kind
        self.content = content
        self.level = level
    }

    /// A public document in force.
    static func make(_ kind: ItemKind, number: String, title: String, issuer: String, issued: String,
                     effective: String = "", level: Int = 0, body: String) -> SeedDocument {
        var content = ItemContent()
        content.title = title
        content.number = number
        content.issuer = issuer
        content.issueDate = issued
        content.effectiveDate = effective
        content.documentStatus = .inForce
        content.classification = .public
        content.body = body
        return SeedDocument(kind: kind, content: content, level: level)
    }
}
