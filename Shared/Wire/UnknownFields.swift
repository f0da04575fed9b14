/// Fields a decoder did not recognise, kept as their raw bytes (tag and value) and
/// written back after the known fields, so that a message passing through an older
/// service keeps what a newer one added.
public struct UnknownFields: Hashable, Sendable {
    public var bytes: [UInt8] = []

    @inlinable
    public init() {}

    @inlinable
    public var isEmpty: Bool { bytes.isEmpty }

    @inlinable
    public mutating func append(_ field: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: field)
    }

    @inlinable
    public var wireSize: Int { bytes.count }

    @inlinable
    public func write(to writer: inout WireWriter) {
        if !bytes.isEmpty { bytes.withUnsafeBytes { writer.writeRawBytes($0) } }
    }
}
