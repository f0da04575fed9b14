import Foundation

/// Writes CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
/// doubled) to a file through a buffer, so six million rows cost a few hundred writes.
final class CSVFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let flushSize = 1 << 20
    private(set) var bytesWritten = 0

    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw SeedFileError(description: "cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        buffer.reserveCapacity(Self.flushSize + 4096)
        try write(header)
    }

    func write(_ fields: [String]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            if field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) {
                buffer.append(UInt8(ascii: "\""))
                for byte in field.utf8 {
                    if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                    buffer.append(byte)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: field.utf8)
            }
        }
        buffer.append(10)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

public struct SeedFileError: Error, CustomStringConvertible {
    public let description: String
}
