import ContentContracts
import RPC
import ServiceTestSupport
import TestSupport
import Testing

/// Attachments: the type told by the bytes, a size limit, stored once, read by the item's readers only.
@Suite struct AttachmentTests {
    static let pdf = Array("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    func attach(_ itemID: String, _ name: String, _ bytes: [UInt8]) -> AddAttachmentRequest {
        var request = AddAttachmentRequest()
        request.itemID = itemID
        request.fileName = name
        request.content = bytes
        return request
    }

    @Test func aFileIsTypedByItsBytesAndReadOnlyByTheItemsReaders() async throws {
        try await withContent("attachments") { world in
            let item = try await world.published(.guidance, in: world.tree.commune, document("Hướng dẫn có tệp"))
            let editor = try world.editor("m_editorA", of: world.tree.commune)
            let withPDF = try await world.content.addAttachment(attach(item.id, "huong-dan.pdf", Self.pdf), options: editor)
            #expect(withPDF.attachments.map(\.mediaType) == ["application/pdf"])
            // Named .pdf, but the bytes are a PNG: the bytes decide.
            let withBoth = try await world.content.addAttachment(attach(item.id, "anh.pdf", Self.png), options: editor)
            #expect(withBoth.attachments.map(\.mediaType).sorted() == ["application/pdf", "image/png"])
            #expect(await statusCode {
                _ = try await world.content.addAttachment(attach(item.id, "virus.pdf", Array("MZ\u{90}".utf8)), options: editor)
            } == .invalidArgument)
            #expect(await statusCode {
                _ = try await world.content.addAttachment(
                    attach(item.id, "big.pdf", Self.pdf + [UInt8](repeating: 0, count: 3 << 20)), options: editor)
            } == .invalidArgument)
            #expect(await statusCode {
                _ = try await world.content.addAttachment(attach(item.id, "x.pdf", Self.pdf), options: world.member("Lan"))
            } == .permissionDenied)

            var get = GetAttachmentRequest()
            get.itemID = item.id
            get.sha256 = withPDF.attachments[0].sha256
            let read = try await world.content.getAttachment(get, options: world.member("Lan"))
            #expect(read.content == Self.pdf)
            #expect(try await world.content.getItem(world.get(item.id), options: world.member("Lan")).attachments.count == 2)
            #expect(await statusCode { _ = try await world.content.getAttachment(get, options: world.member("Hoa")) } == .notFound)
        }
    }
}
