import RPC
import ServiceToolkit

/// The limits of the feedback service's own texts (docs/toolkit.md lists the shared ones).
enum FeedbackInputLimits {
    /// What a member writes and what an agency answers: a few pages.
    static let body = TextLimit(maxCharacters: 10_000, multiline: true)
    static let maxAttachments = 20
    static let maxBatch = 100

    /// Attachment ids are made by the content service; here only their shape is checked.
    static func attachmentIDs(_ ids: [String]) throws(RPCError) -> [String] {
        guard ids.count <= maxAttachments else {
            throw RPCError.invalidArgument(field: "attachment_ids", "holds more than \(maxAttachments) ids")
        }
        for id in ids {
            guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
            }) else { throw RPCError.invalidArgument(field: "attachment_ids", "holds an id that is not one") }
        }
        return ids
    }
}
