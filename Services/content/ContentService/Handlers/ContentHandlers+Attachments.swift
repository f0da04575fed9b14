import ContentContracts
import Foundation
import RPC
import ServiceKit
import ServiceToolkit
import Store

/// Files attached to items: checked by their bytes, stored by SHA-256, read by whoever
/// may read the item.
extension ContentHandlers {
    func addAttachment(_ request: AddAttachmentRequest, context: CallContext) async throws -> Item {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        let fileName = try TextInput.name(request.fileName, field: "file_name")
        guard !request.content.isEmpty, request.content.count <= AttachmentType.maxBytes else {
            throw RPCError.invalidArgument(field: "content", "must hold 1 byte to \(AttachmentType.maxBytes >> 20) MiB")
        }
        guard let mediaType = AttachmentType.mediaType(of: request.content) else {
            throw RPCError.invalidArgument(field: "content", "is not a PDF, PNG or JPEG file (told by its bytes)")
        }
        let sha256 = try SHA256Digest.hash(request.content).map { String(format: "%02x", $0) }.joined()
        let tree = replica.tree
        // Rights first, then the bytes on disk, then the row: a refused caller writes nothing.
        _ = try await read { connection in
            try requireItem(itemID, roles: ContentRoles.editors, access: access, tree: tree, to: "attach files to it",
                            in: connection)
        }
        try attachmentFiles.store(request.content, sha256: sha256)
        return try await write { connection, now in
            let record = try requireItem(itemID, roles: ContentRoles.editors, access: access, tree: tree,
                                         to: "attach files to it", in: connection)
            try connection.execute(
                """
                INSERT OR IGNORE INTO attachments (item_id, sha256, file_name, media_type, size, added_at_ms)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [itemID, sha256, fileName, mediaType, Int64(request.content.count), now])
            var item = record.item
            item.attachments = try Self.attachments(of: itemID, in: connection)
            return item
        }
    }

    func getAttachment(_ request: GetAttachmentRequest, context: CallContext) async throws -> AttachmentContent {
        let access = try CallerAccess(context)
        let itemID = try RecordID.checked(request.itemID, prefix: "ci", field: "item_id")
        let sha256 = try TextInput.checked(request.sha256, field: "sha256", limit: TextLimit(maxCharacters: 64))
        let tree = replica.tree
        let attachment = try await read { connection in
            _ = try readableItem(itemID, access: access, tree: tree, in: connection)
            return try Self.attachments(of: itemID, in: connection).first { $0.sha256 == sha256 }
        }
        guard let attachment else { throw RPCError(.notFound, "sha256: the item has no such attachment") }
        var answer = AttachmentContent()
        answer.attachment = attachment
        answer.content = try attachmentFiles.read(sha256)
        return answer
    }

    static func attachments(of itemID: String, in connection: Connection) throws -> [Attachment] {
        try connection.query(
            "SELECT sha256, file_name, media_type, size FROM attachments WHERE item_id = ? ORDER BY added_at_ms, sha256",
            [itemID]
        ).map { row in
            var attachment = Attachment()
            attachment.sha256 = try row.get(0)
            attachment.fileName = try row.get(1)
            attachment.mediaType = try row.get(2)
            attachment.size = try row.get(3)
            return attachment
        }
    }
}
