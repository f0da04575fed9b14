import ContentContracts
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// The editorial steps after drafting, each audited.
extension ContentHandlers {
    func submitForReview(_ request: WorkflowRequest, context: CallContext) async throws -> Item {
        try await take(.submit, request, context: context)
    }

    func returnToDraft(_ request: WorkflowRequest, context: CallContext) async throws -> Item {
        try await take(.returnToDraft, request, context: context)
    }

    func publish(_ request: WorkflowRequest, context: CallContext) async throws -> Item {
        try await take(.publish, request, context: context)
    }

    func withdraw(_ request: WorkflowRequest, context: CallContext) async throws -> Item {
        try await take(.withdraw, request, context: context)
    }

    func archive(_ request: WorkflowRequest, context: CallContext) async throws -> Item {
        try await take(.archive, request, context: context)
    }

    func listAudit(_ request: ListAuditRequest, context: CallContext) async throws -> AuditList {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        let tree = replica.tree
        return try await read { connection in
            _ = try requireItem(itemID, roles: ContentRoles.staff, access: access, tree: tree, to: "read its audit",
                                in: connection)
            var list = AuditList()
            list.entries = try connection.query(
                "SELECT action, actor_id, at_ms, revision, detail FROM item_audit WHERE item_id = ? ORDER BY sequence",
                [itemID]
            ).map { row in
                var entry = AuditEntry()
                entry.action = AuditAction(rawValue: Int32(try row.get(0) as Int64))
                entry.actorID = try row.get(1)
                entry.atMS = try row.get(2)
                entry.revision = Int32(try row.get(3) as Int64)
                entry.detail = try row.get(4)
                return entry
            }
            return list
        }
    }

    /// A step is naturally idempotent: repeated on an item already where it leads, it
    /// answers the item unchanged.
    private func take(_ step: EditorialStep, _ request: WorkflowRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        let reason = try TextInput.freeText(request.reason, field: "reason")
        guard !step.needsReason || !reason.isEmpty else {
            throw RPCError.invalidArgument(field: "reason", "is required to \(step.action)")
        }
        let tree = replica.tree
        return try await write { connection, now in
            let record = try requireItem(itemID, roles: step.roles, access: access, tree: tree, to: step.action,
                                         in: connection)
            if record.item.state == step.to { return record.item }
            guard step.from.contains(record.item.state) else {
                throw RPCError(.failedPrecondition, "item_id: an item in state \(record.item.state.name) cannot be \(step.done)")
            }
            if step == .publish {
                let caller = access.caller.memberID
                guard record.item.authorID != caller, record.draftedBy != caller else {
                    throw RPCError(.permissionDenied, "nobody approves their own draft: another editor or the unit's leader must")
                }
                try Self.refuseRestricted(record.content)
            }
            return try ItemEditor(connection: connection, nowMs: now, actorID: access.caller.memberID)
                .take(step, on: record, reason: reason).item
        }
    }
}
