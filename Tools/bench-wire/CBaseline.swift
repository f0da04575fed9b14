import CWireBaseline
import TestProtosC

/// libprotobuf-c running the same work in C loops; the only file of bench-wire that
/// touches a C pointer.
final class CBaseline {
    private let descriptor: UnsafePointer<ProtobufCMessageDescriptor>
    private let encoded: [UInt8]
    // Safety: `message` comes from protobuf_c_message_unpack, is owned by this object
    // alone and freed once, in deinit; `buffer` has room for its packed size.
    private let message: UnsafeMutablePointer<ProtobufCMessage>
    private let buffer: UnsafeMutablePointer<UInt8>

    /// The message `encoded` holds, as protobuf-c's struct; nil when it refuses the bytes.
    init?(descriptor: UnsafePointer<ProtobufCMessageDescriptor>, encoded: [UInt8]) {
        let unpacked = encoded.withUnsafeBufferPointer { bytes in
            // Safety: protobuf-c reads `bytes.count` bytes during the call only.
            cwb_unpack_message(descriptor, bytes.baseAddress, bytes.count)
        }
        guard let unpacked else { return nil }
        self.descriptor = descriptor
        self.encoded = encoded
        message = unpacked
        buffer = .allocate(capacity: max(1, protobuf_c_message_get_packed_size(unpacked)))
    }

    deinit {
        cwb_free_message(message)
        buffer.deallocate()
    }

    /// protobuf-c's encoding of the message, to check it matches ours.
    var packed: [UInt8] {
        let count = protobuf_c_message_pack(message, buffer)
        return Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    /// Packs the message `iterations` times into the preallocated buffer.
    func pack(iterations: UInt64) -> UInt64 {
        cwb_pack_loop(message, buffer, iterations)
    }

    /// Unpacks the encoded bytes `iterations` times, freeing each result.
    func unpack(iterations: UInt64) -> UInt64 {
        encoded.withUnsafeBufferPointer { bytes in
            // Safety: the C loop reads `bytes.count` bytes during the call only.
            cwb_unpack_loop(descriptor, bytes.baseAddress, bytes.count, iterations)
        }
    }
}
