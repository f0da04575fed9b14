import Foundation
import Glibc

/// Attachment bytes on disk under `<data dir>/attachments/<first two hex>/<sha256>`,
/// written whole (a temporary file, fsync, rename, fsync of the folder) before the row
/// naming them commits, so an acknowledged attachment is never a missing or torn file.
/// The same bytes are stored once, whichever items they are attached to.
struct AttachmentFiles: Sendable {
    let folder: URL

    func url(of sha256: String) -> URL {
        folder.appendingPathComponent(String(sha256.prefix(2))).appendingPathComponent(sha256)
    }

    func store(_ bytes: [UInt8], sha256: String) throws {
        let target = url(of: sha256)
        if FileManager.default.fileExists(atPath: target.path) { return }
        let directory = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = directory.appendingPathComponent(".\(sha256).\(UInt64.random(in: 0...UInt64.max))")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AttachmentFileError(path: temporary.path, errno: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            // The pointer is used inside the closure only; `written` < count keeps it in the buffer.
            let result = bytes.withUnsafeBytes { buffer in
                buffer.baseAddress.map { write(descriptor, $0 + written, buffer.count - written) } ?? -1
            }
            if result < 0 {
                if errno == EINTR { continue }
                unlink(temporary.path)
                throw AttachmentFileError(path: temporary.path, errno: errno)
            }
            written += result
        }
        guard fsync(descriptor) == 0, rename(temporary.path, target.path) == 0 else {
            let failure = AttachmentFileError(path: target.path, errno: errno)
            unlink(temporary.path)
            throw failure
        }
        let folderDescriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    func read(_ sha256: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(of: sha256)))
    }
}

struct AttachmentFileError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
}
