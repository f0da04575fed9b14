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
}
