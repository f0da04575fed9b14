import ContentContracts
import RPC
import ServiceToolkit
import Store

/// Writes items, their revisions and their audit, in the transaction of one request.
struct ItemEditor {
    let connection: Connection
    let nowMs: Int64
    let actorID: String

    /// A new draft, revision 1.
    func create(unitID: String, kind: ItemKind, content: ItemContent) throws -> ItemRecord {
        try insert(unitID: unitID, kind: kind, content: content, state: .draft, sourceKey: nil)
    }

    /// An imported document: published at once when public, a draft when restricted
    /// (it can never be published), remembered under its source key.
    func importDocument(unitID: String, kind: ItemKind, content: ItemContent, sourceKey: String) throws -> ItemRecord {
        let state: ItemState = content.classification == .restricted ? .draft : .published
        let record = try insert(unitID: unitID, kind: kind, content: content, state: state, sourceKey: sourceKey)
        if state == .published { try SearchIndex(connection: connection).reindex(record) }
        return record
    }

    private func insert(unitID: String, kind: ItemKind, content: ItemContent, state: ItemState, sourceKey: String?) throws
        -> ItemRecord
    {
        let id = RecordID.make("ci", nowMs: nowMs)
        let publishedAt = state == .published ? nowMs : 0
        try connection.execute(
            """
            INSERT INTO items (id, unit_id, kind, state, revision, title, number, issuer, issue_date, effective_date,
                document_status, replaced_by_id, classification, body, author_id, drafted_by, created_at_ms,
                published_at_ms, updated_at_ms, withdrawn_reason, issue_year, issuer_folded, source_key)
            VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)
            """,
            Self.arguments([id, unitID, Int64(kind.rawValue), Int64(state.rawValue)], ItemRecord.values(of: content),
                           [actorID, actorID, nowMs, publishedAt, nowMs, Self.year(of: content),
                            TextFolding.fold(content.issuer), sourceKey]))
        try keepRevision(id, 1, content)
        try audit(id, sourceKey == nil ? .drafted : .imported, revision: 1)
        return try require(id)
    }

    /// Replaces the current content; a new revision when `newRevision` (a correction
    /// of a published item keeps the old one readable), the same one for a draft.
    func replaceContent(of record: ItemRecord, with content: ItemContent, newRevision: Bool, note: String)
        throws -> ItemRecord
    {
        let revision = record.item.revision + (newRevision ? 1 : 0)
        try connection.execute(
            """
            UPDATE items SET title = ?, number = ?, issuer = ?, issue_date = ?, effective_date = ?, document_status = ?,
                replaced_by_id = ?, classification = ?, body = ?, revision = ?, drafted_by = ?, updated_at_ms = ?,
                issue_year = ?, issuer_folded = ?
            WHERE rowid = ?
            """,
            Self.arguments(ItemRecord.values(of: content),
                           [Int64(revision), actorID, nowMs, Self.year(of: content), TextFolding.fold(content.issuer),
                            record.rowID]))
        try keepRevision(record.item.id, revision, content)
        try audit(record.item.id, newRevision ? .corrected : .revised, revision: revision, detail: note)
        let updated = try require(record.item.id)
        if newRevision { try SearchIndex(connection: connection).reindex(updated) }
        return updated
    }

    /// Moves the item to the step's state, with its audit and the search index kept in step.
    func take(_ step: EditorialStep, on record: ItemRecord, reason: String) throws -> ItemRecord {
        let publishedAt = step == .publish ? nowMs : record.item.publishedAtMS
        try connection.execute(
            "UPDATE items SET state = ?, published_at_ms = ?, updated_at_ms = ?, withdrawn_reason = ? WHERE rowid = ?",
            [Int64(step.to.rawValue), publishedAt, nowMs, step == .withdraw ? reason : "", record.rowID])
        try audit(record.item.id, step.audit, revision: record.item.revision, detail: reason)
        let updated = try require(record.item.id)
        let index = SearchIndex(connection: connection)
        switch step {
        case .publish: try index.reindex(updated)
        case .withdraw: try index.remove(updated)
        case .submit, .returnToDraft, .archive: break
        }
        return updated
    }

    private func keepRevision(_ id: String, _ revision: Int32, _ content: ItemContent) throws {
        try connection.execute(
            """
            INSERT OR REPLACE INTO item_revisions (item_id, revision, title, number, issuer, issue_date, effective_date,
                document_status, replaced_by_id, classification, body, written_by, written_at_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            Self.arguments([id, Int64(revision)], ItemRecord.values(of: content), [actorID, nowMs]))
    }

    private func audit(_ id: String, _ action: AuditAction, revision: Int32, detail: String = "") throws {
        try connection.execute(
            "INSERT INTO item_audit (item_id, action, actor_id, at_ms, revision, detail) VALUES (?, ?, ?, ?, ?, ?)",
            [id, Int64(action.rawValue), actorID, nowMs, Int64(revision), detail])
    }

    private func require(_ id: String) throws -> ItemRecord {
        guard let record = try ItemRecord.find(id, in: connection) else {
            throw RPCError(.internal, "the item written in this request cannot be read back")
        }
        return record
    }

    /// A statement's arguments, given in pieces.
    static func arguments(_ pieces: [(any SQLValueConvertible)?]...) -> [(any SQLValueConvertible)?] {
        pieces.flatMap { $0 }
    }

    static func year(of content: ItemContent) -> Int64 {
        Int64(content.issueDate.prefix(4)) ?? 0
    }
}
