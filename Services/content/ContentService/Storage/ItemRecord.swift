import ContentContracts
import Foundation
import RPC
import Store

/// One row of `items`: an item's current revision and where it stands in the workflow.
struct ItemRecord: Sendable {
    static let columns = """
        rowid, id, unit_id, kind, state, revision, title, number, issuer, issue_date, effective_date, document_status,
        replaced_by_id, classification, body, author_id, drafted_by, created_at_ms, published_at_ms, updated_at_ms,
        withdrawn_reason
        """
    /// The same columns of `items` aliased `i`, for joins.
    static let joinedColumns = columns.split(separator: ",").map { "i." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .joined(separator: ", ")
    /// The same, with an empty body: lists show no body, and bodies run to many kilobytes.
    static let summaryColumns = joinedColumns.replacingOccurrences(of: "i.body", with: "'' AS body")
    /// Members may read these states (archived items stay in the library and search).
    static let readableStates = "(3, 4)"

    let rowID: Int64
    var item: Item
    var draftedBy: String

    init(row: Row) throws {
        rowID = try row.get(0)
        var item = Item()
        item.id = try row.get(1)
        item.unitID = try row.get(2)
        item.kind = ItemKind(rawValue: Int32(try row.get(3) as Int64))
        item.state = ItemState(rawValue: Int32(try row.get(4) as Int64))
        item.revision = Int32(try row.get(5) as Int64)
        item.content = try Self.content(row, from: 6)
        item.authorID = try row.get(15)
        draftedBy = try row.get(16)
        item.createdAtMS = try row.get(17)
        item.publishedAtMS = try row.get(18)
        item.updatedAtMS = try row.get(19)
        item.withdrawnReason = try row.get(20)
        self.item = item
    }

    /// The nine content columns starting at `index`, in `ItemContent`'s order.
    static func content(_ row: Row, from index: Int) throws -> ItemContent {
        var content = ItemContent()
        content.title = try row.get(index)
        content.number = try row.get(index + 1)
        content.issuer = try row.get(index + 2)
        content.issueDate = try row.get(index + 3)
        content.effectiveDate = try row.get(index + 4)
        content.documentStatus = DocumentStatus(rawValue: Int32(try row.get(index + 5) as Int64))
        content.replacedByID = try row.get(index + 6)
        content.classification = Classification(rawValue: Int32(try row.get(index + 7) as Int64))
        content.body = try row.get(index + 8)
        return content
    }

    /// The content's values in the order of the content columns.
    static func values(of content: ItemContent) -> [(any SQLValueConvertible)?] {
        [content.title, content.number, content.issuer, content.issueDate, content.effectiveDate,
         Int64(content.documentStatus.rawValue), content.replacedByID, Int64(content.classification.rawValue), content.body]
    }

    static func find(_ id: String, in connection: Connection) throws -> ItemRecord? {
        try connection.queryOne("SELECT \(columns) FROM items WHERE id = ?", [id]).map(ItemRecord.init(row:))
    }

    /// The current revision's content (always present on a stored item).
    var content: ItemContent { item.content ?? ItemContent() }

    /// The item for a list: no body.
    var summary: Item {
        var summary = item
        summary.content?.body = ""
        return summary
    }
}
