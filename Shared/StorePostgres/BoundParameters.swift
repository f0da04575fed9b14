import Foundation
import Store

/// Statement parameters as libpq takes them: text for numbers and strings (libpq's
/// text format, which the server parses into the column's type), binary for blobs
/// (no escaping), a NULL pointer for NULL.
struct BoundParameters {
    private let buffers: [[UInt8]?]
    private let formats: [Int32]

    init(_ values: [SQLValue]) {
        var buffers: [[UInt8]?] = []
        var formats: [Int32] = []
        for value in values {
            switch value {
            case .null:
                buffers.append(nil)
                formats.append(0)
            case .integer(let integer):
                buffers.append(Array("\(integer)".utf8) + [0])
                formats.append(0)
            case .real(let real):
                buffers.append(Array(Self.text(of: real).utf8) + [0])
                formats.append(0)
            case .text(let text):
                buffers.append(Array(text.utf8) + [0])
                formats.append(0)
            case .blob(let bytes):
                buffers.append(bytes)
                formats.append(1)
            }
        }
        self.buffers = buffers
        self.formats = formats
    }

    /// PostgreSQL's spelling of a double: Swift writes infinity as "inf".
    private static func text(of real: Double) -> String {
        if real.isNaN { return "NaN" }
        if real.isInfinite { return real < 0 ? "-Infinity" : "Infinity" }
        return "\(real)"
    }

    /// Calls `body` with the arrays libpq's PQexecParams and PQexecPrepared take:
    /// values, lengths and formats, valid only during the call.
    func withPointers<Result>(
        _ body: (_ values: [UnsafePointer<CChar>?], _ lengths: [Int32], _ formats: [Int32]) -> Result
    ) -> Result {
        // Each buffer is copied into memory allocated here and freed after `body`
        // returns, so every pointer handed to libpq (which only reads them, during the
        // call) stays valid for the whole call. A binary blob of length 0 still gets a
        // one-byte allocation, since NULL would mean SQL NULL.
        let copies: [UnsafeMutablePointer<CChar>?] = buffers.map { buffer in
            guard let buffer else { return nil }
            let copy = UnsafeMutablePointer<CChar>.allocate(capacity: max(1, buffer.count))
            buffer.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(copy).copyMemory(from: bytes.baseAddress ?? UnsafeRawPointer(copy), byteCount: bytes.count)
            }
            return copy
        }
        defer { for copy in copies { copy?.deallocate() } }
        let lengths = buffers.map { Int32($0?.count ?? 0) }
        return body(copies.map { $0.map { UnsafePointer($0) } }, lengths, formats)
    }
}
