/// A growable byte buffer with a read and a write index: the connection's pending
/// input (an incomplete frame) and its pending output (frames not yet written).
///
/// A class so that a connection can hand it to the frame reader and writer without
/// copies; used by one event loop thread only.
final class ByteBuffer {
    // Safety: `base` points to `capacity` bytes owned by this object (allocated in
    // `reserve`, freed in deinit); bytes `readerIndex..<writerIndex` are initialized,
    // and every index stays within 0...capacity.
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var capacity = 0
    private(set) var readerIndex = 0
    private(set) var writerIndex = 0

    init() {}

    deinit { base?.deallocate() }

    var readableCount: Int { writerIndex - readerIndex }
    var isEmpty: Bool { readerIndex == writerIndex }

    /// The unread bytes; valid until the next mutation of the buffer.
    var readableBytes: UnsafeRawBufferPointer {
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + readerIndex, count: readableCount)
    }

    func consume(_ count: Int) {
        precondition(count <= readableCount)
        readerIndex += count
        if readerIndex == writerIndex {
            readerIndex = 0
            writerIndex = 0
        }
    }

    /// Makes room for `count` more bytes and returns where to write them; the caller
    /// then calls `commit` with how many it wrote.
    func reserve(_ count: Int) -> UnsafeMutableRawPointer {
        if let base, capacity - writerIndex >= count { return base + writerIndex }
        if let base, readerIndex >= readableCount, capacity - readableCount >= count {
            // Enough room once the consumed prefix is dropped, and the prefix is at
            // least as large as what must move: slide, don't grow. Sliding a large
            // unread tail for every small append would be quadratic.
            base.copyMemory(from: base + readerIndex, byteCount: readableCount)
            writerIndex -= readerIndex
            readerIndex = 0
            return base + writerIndex
        }
        // Room for twice what is needed, so a stream of appends copies each byte a
        // bounded number of times.
        var newCapacity = 1024
        while newCapacity < 2 * (readableCount + count) { newCapacity *= 2 }
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if let base {
            newBase.copyMemory(from: base + readerIndex, byteCount: readableCount)
            base.deallocate()
        }
        writerIndex -= readerIndex
        readerIndex = 0
        base = newBase
        capacity = newCapacity
        return newBase + writerIndex
    }

    func commit(_ count: Int) {
        precondition(writerIndex + count <= capacity)
        writerIndex += count
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count).copyMemory(from: source, byteCount: bytes.count)
        commit(bytes.count)
    }

    /// Gives memory back once a burst is over, so a connection that once carried a
    /// 4 MiB frame does not keep 4 MiB while idle.
    func releaseIfEmpty(above limit: Int) {
        guard isEmpty, capacity > limit else { return }
        base?.deallocate()
        base = nil
        capacity = 0
    }
}
