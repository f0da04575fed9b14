/// What an attachment is, told by its first bytes and never by its name (a ".pdf" that
/// holds a program stays refused), and how large one may be.
enum AttachmentType {
    /// Under the 4 MiB frame limit with room for the rest of the call.
    static let maxBytes = 3 << 20

    /// The media type of `bytes`, or nil when it is none of PDF, PNG or JPEG.
    static func mediaType(of bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }
}
