import ContentContracts
import ContentService
import OrgService
import RPC
import RPCContracts
import ServiceKit
import ServiceTestSupport

/// A real org holding the small tree (OrgFixture) and a content service following it,
/// with the callers the tests need: editors and an approver per unit, and the members.
struct ContentWorld {
    let environment: TestEnvironment
    let tree: OrgFixture.SmallTree
    let content: ContentServiceClient

    /// An editor (ROLE_EDITOR) of `unitID`, a member of it.
    func editor(_ memberID: String, of unitID: String) throws -> CallOptions {
        try environment.tokens.options(memberID, [TestTokens.grant(.editor, unitID)], unitID: unitID,
                                       ancestors: tree.ancestors[unitID] ?? [])
    }

    /// The unit's leadership: an administrator of it.
    func leader(of unitID: String) throws -> CallOptions {
        try environment.tokens.options("m_leader", [TestTokens.grant(.administrator, unitID)], unitID: unitID,
                                       ancestors: tree.ancestors[unitID] ?? [])
    }

    func member(_ name: String) throws -> CallOptions {
        try tree.options(for: tree.member(name), tokens: environment.tokens)
    }

    /// A draft by editor A of `unitID`, submitted, and published by editor B.
    func published(_ kind: ItemKind = .resolution, in unitID: String, _ content: ItemContent) async throws -> Item {
        let draft = try await self.content.createDraft(draftRequest(kind, in: unitID, content), options: editor("m_editorA", of: unitID))
        _ = try await self.content.submitForReview(step(draft.id), options: editor("m_editorA", of: unitID))
        return try await self.content.publish(step(draft.id), options: editor("m_editorB", of: unitID))
    }

    func draftRequest(_ kind: ItemKind, in unitID: String, _ content: ItemContent) -> CreateDraftRequest {
        var request = CreateDraftRequest()
        request.unitID = unitID
        request.kind = kind
        request.content = content
        return request
    }

    func step(_ itemID: String, reason: String = "") -> WorkflowRequest {
        var request = WorkflowRequest()
        request.itemID = itemID
        request.reason = reason
        return request
    }

    func get(_ itemID: String, revision: Int32 = 0) -> GetItemRequest {
        var request = GetItemRequest()
        request.itemID = itemID
        request.revision = revision
        return request
    }

    /// A correction of a published item's first revision, with its note.
    func correction(of itemID: String, to content: ItemContent, note: String) -> ReviseDraftRequest {
        var request = ReviseDraftRequest()
        request.itemID = itemID
        request.content = content
        request.expectedRevision = 1
        request.note = note
        return request
    }

    func search(_ query: String) -> SearchRequest {
        var request = SearchRequest()
        request.query = query
        return request
    }

    func ask(_ question: String) -> AskRequest {
        var request = AskRequest()
        request.question = question
        return request
    }
}

/// A document's content: public, in force, with a number and an issuer.
func document(_ title: String, number: String = "01-NQ/TU", issuer: String = "Tỉnh ủy Yên Bái",
              issueDate: String = "2026-03-01", body: String = "Nội dung.",
              classification: Classification = .public) -> ItemContent {
    var content = ItemContent()
    content.title = title
    content.number = number
    content.issuer = issuer
    content.issueDate = issueDate
    content.classification = classification
    content.body = body
    return content
}

/// Runs `body` against org (a copy of the small tree) and content, both real services over RPC.
func withContent(_ name: String, _ body: (ContentWorld) async throws -> Void) async throws {
    let (template, tree) = try await OrgFixture.smallTree()
    try await withTestEnvironment("content-\(name)", copying: template) { environment in
        let org = try await environment.start(OrgServiceDefinition.definition)
        let content = try await environment.start(ContentServiceDefinition.definition, peers: [org])
        try await body(ContentWorld(environment: environment, tree: tree, content: ContentServiceClient(channel: content.channel)))
    }
}
