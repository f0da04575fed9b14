import TestProtosC

/// libprotobuf-c, as the conformance tests use it: the only file of this target that
/// touches a C pointer. Everything the C side allocates is freed before returning.
enum ProtobufC {
    /// The test messages protobuf-c is asked to read and write.
    enum Message {
        case allTypes
        case newsItemSummary
        case memberProfile

        fileprivate var descriptor: UnsafePointer<ProtobufCMessageDescriptor> {
            switch self {
            case .allTypes: tpc_all_types_descriptor()
            case .newsItemSummary: tpc_news_item_summary_descriptor()
            case .memberProfile: tpc_member_profile_descriptor()
            }
        }
    }

    /// The canonical text of the message protobuf-c unpacks from `bytes`, or nil when
    /// protobuf-c refuses them.
    static func canonicalText(unpacking bytes: [UInt8], as message: Message) -> String? {
        let text = bytes.withUnsafeBufferPointer { buffer in
            // Safety: protobuf-c reads only `buffer.count` bytes from the base address
            // during the call, while `withUnsafeBufferPointer` keeps the array alive.
            tpc_unpack_text(message.descriptor, buffer.baseAddress, buffer.count)
        }
        return text.map(takeString)
    }

    /// protobuf-c's own encoding of the message it unpacks from `bytes` (unpack, then
    /// pack), or nil when it refuses them.
    static func repack(_ bytes: [UInt8], as message: Message) -> [UInt8]? {
        var length = 0
        let packed = bytes.withUnsafeBufferPointer { buffer in
            // Safety: as in `canonicalText(unpacking:as:)`; `length` outlives the call.
            tpc_repack(message.descriptor, buffer.baseAddress, buffer.count, &length)
        }
        return packed.map { takeBytes($0, count: length) }
    }

    /// A random message built and packed by protobuf-c from `seed`, with the canonical
    /// text of the struct it packed.
    static func randomMessage(seed: UInt64, as message: Message) -> (bytes: [UInt8], text: String) {
        var length = 0
        var text: UnsafeMutablePointer<CChar>?
        // Never nil: the C side aborts rather than return without memory.
        let packed = tpc_random_packed(message.descriptor, seed, &length, &text)
        let bytes = packed.map { takeBytes($0, count: length) } ?? []
        return (bytes, text.map(takeString) ?? "")
    }

    /// Copies a NUL-terminated string that the C side allocated, then frees it.
    private static func takeString(_ pointer: UnsafeMutablePointer<CChar>) -> String {
        // Safety: the C side returns a malloc'd NUL-terminated string that nothing else
        // refers to; it is read once here and freed right after.
        defer { tpc_free(pointer) }
        return String(cString: pointer)
    }

    /// Copies `count` bytes that the C side allocated, then frees them.
    private static func takeBytes(_ pointer: UnsafeMutablePointer<UInt8>, count: Int) -> [UInt8] {
        // Safety: the C side returns a malloc'd buffer of exactly `count` bytes that
        // nothing else refers to; it is copied once here and freed right after.
        defer { tpc_free(pointer) }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }
}
