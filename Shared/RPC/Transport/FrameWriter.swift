import RPCContracts
import Wire

extension ByteBuffer {
    /// Appends one length-prefixed frame, encoding the message straight into the
    /// buffer: one size pass, one encode pass, no intermediate array.
    func appendFrame<Message: WireMessage>(_ message: Message) {
        let size = message.wireSize()
        let start = reserve(4 + size)
        start.storeBytes(of: UInt32(truncatingIfNeeded: size).bigEndian, as: UInt32.self)
        // Safety: `reserve` returned at least 4 + size writable bytes; the writer
        // covers exactly the `size` bytes after the prefix and the message writes
        // exactly `wireSize()` bytes.
        var writer = WireWriter(start: (start + 4).assumingMemoryBound(to: UInt8.self), count: size)
        message.encode(to: &writer)
        commit(4 + size)
    }

    /// Appends the RESPONSE frame of an answered call: the same bytes `appendFrame`
    /// writes for a `Frame` with only `callID`, `kind` and `payload` set, through the
    /// same field codecs, without building and tearing down a `Frame` on every call.
    func appendResponse(callID: UInt64, payload: [UInt8]) {
        let size = WireSize.singular(callID, fieldNumber: Frame.callIDField, WireUInt64.self)
            + WireSize.singular(FrameKind.response, fieldNumber: Frame.kindField, WireEnumCodec<FrameKind>.self)
            + WireSize.singular(payload, fieldNumber: Frame.payloadField, WireBytes.self)
        let start = reserve(4 + size)
        start.storeBytes(of: UInt32(truncatingIfNeeded: size).bigEndian, as: UInt32.self)
        // Safety: as in `appendFrame`: `reserve` returned 4 + size writable bytes, and
        // the three fields write exactly the `size` bytes counted above.
        var writer = WireWriter(start: (start + 4).assumingMemoryBound(to: UInt8.self), count: size)
        writer.writeSingular(callID, fieldNumber: Frame.callIDField, WireUInt64.self)
        writer.writeSingular(FrameKind.response, fieldNumber: Frame.kindField, WireEnumCodec<FrameKind>.self)
        writer.writeSingular(payload, fieldNumber: Frame.payloadField, WireBytes.self)
        commit(4 + size)
    }
}

extension Frame {
    /// Field numbers of frame.proto that `appendResponse` writes.
    static let callIDField = 1
    static let kindField = 2
    static let payloadField = 6
}
