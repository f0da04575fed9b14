import ContentContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Drafting and correcting: what editors write.
extension ContentHandlers {
    func createDraft(_ request: CreateDraftRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let unitID = try RecordID.checked(request.unitID, prefix: "u", field: "unit_id")
        let kind = try ContentInput.kind(request.kind)
        let content = try ContentInput.checked(request.content ?? ItemContent(), kind: kind)
        let tree = replica.tree
        try access.require(ContentRoles.editors, on: placement(of: unitID, in: tree), to: "draft items for this unit")
        guard tree.unit(unitID)?.state == .active else {
            throw RPCError.invalidArgument(field: "unit_id", "is not an active unit")
        }
        return try await write { connection, now in
            let call = try IdempotentCall.keyed(scope: access.idempotencyScope, key: request.idempotencyKey,
                                                method: "CreateDraft", request: request, nowMs: now)
            if let first = try call?.recorded(Item.self, in: connection) { return first }
            try Self.requireReplacement(of: content, in: connection)
            let item = try ItemEditor(connection: connection, nowMs: now, actorID: access.caller.memberID)
                .create(unitID: unitID, kind: kind, content: content).item
            try call?.remember(item, in: connection)
            return item
        }
    }

    func reviseDraft(_ request: ReviseDraftRequest, context: CallContext) async throws -> Item {
        try await rewrite(request, context: context, correcting: false)
    }

    func correct(_ request: ReviseDraftRequest, context: CallContext) async throws -> Item {
        try await rewrite(request, context: context, correcting: true)
    }

    /// A draft's new content, or a published item's correction (a new revision; the
    /// old one stays readable). A correction may not make an item restricted: it would
    /// stay published to members.
    private func rewrite(_ request: ReviseDraftRequest, context: CallContext, correcting: Bool) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        let note = try TextInput.freeText(request.note, field: "note")
        guard request.expectedRevision >= 0 else {
            throw RPCError.invalidArgument(field: "expected_revision", "must not be negative")
        }
        let tree = replica.tree
        return try await write { connection, now in
            let record = try requireItem(itemID, roles: ContentRoles.editors, access: access, tree: tree,
                                         to: correcting ? "correct it" : "revise it", in: connection)
            let content = try ContentInput.checked(request.content ?? ItemContent(), kind: record.item.kind)
            guard request.expectedRevision == 0 || request.expectedRevision == record.item.revision else {
                throw RPCError(.failedPrecondition, "expected_revision: the item is at revision \(record.item.revision)")
            }
            if correcting {
                guard record.item.state == .published else {
                    throw RPCError(.failedPrecondition, "item_id: only a published item can be corrected")
                }
                try Self.refuseRestricted(content)
            } else {
                guard record.item.state == .draft else {
                    throw RPCError(.failedPrecondition, "item_id: only a draft can be revised; return it to draft first")
                }
            }
            try Self.requireReplacement(of: content, in: connection)
            return try ItemEditor(connection: connection, nowMs: now, actorID: access.caller.memberID)
                .replaceContent(of: record, with: content, newRevision: correcting, note: note).item
        }
    }

    /// A replaced document must name an item that exists.
    static func requireReplacement(of content: ItemContent, in connection: Connection) throws {
        guard !content.replacedByID.isEmpty else { return }
        guard try ItemRecord.find(content.replacedByID, in: connection) != nil else {
            throw RPCError.invalidArgument(field: "content.replaced_by_id", "names no item")
        }
    }

    static func refuseRestricted(_ content: ItemContent) throws(RPCError) {
        guard content.classification != .restricted else {
            throw RPCError(.failedPrecondition,
                           "content.classification: the item is not for wide distribution (không được phổ biến rộng rãi) "
                           + "and can never be published to members")
        }
    }
}
