/// Splits a byte stream into length-prefixed frames (docs/architecture.md §4): a 4-byte
/// big-endian length N, then N bytes.
///
/// The length is checked against the limit before a single byte of the frame is
/// buffered, so a hostile prefix cannot make the reader allocate. Complete frames are
/// handed out straight from the bytes just read when possible; only the tail of an
/// incomplete frame is copied aside.
struct FrameReader {
    enum Failure: Error, Equatable {
        /// The prefix announced more than the limit.
        case frameTooLarge(length: UInt64, limit: Int)
    }

    /// What the receiver of a frame wants next.
    enum Next {
        case more
        /// Hand out nothing more for now: the rest is kept, complete frames included,
        /// and handed out by the next `consume` (which may pass no new bytes).
        case pause
        /// The connection is closing: the rest is dropped.
        case stop
    }

    let maxFrameSize: Int
    /// Bytes of an incomplete frame, carried over to the next read.
    private let pending = ByteBuffer()
    /// When the first byte of the incomplete frame arrived, for the slow-frame timeout.
    private(set) var partialFrameSince: UInt64?

    init(maxFrameSize: Int) {
        self.maxFrameSize = maxFrameSize
    }

    var hasPartialFrame: Bool { !pending.isEmpty }

    /// Feeds newly read bytes (none, to resume after a pause); calls `onFrame` with
    /// each complete frame's body (valid only during the call).
    mutating func consume(
        _ bytes: UnsafeRawBufferPointer, now: UInt64, onFrame: (UnsafeRawBufferPointer) -> Next
    ) throws(Failure) {
        var completedAny = false
        let next: Next
        if pending.isEmpty {
            let used: Int
            (used, next) = try split(bytes, completedAny: &completedAny, onFrame: onFrame)
            if next == .stop { return }
            if used < bytes.count {
                pending.append(UnsafeRawBufferPointer(rebasing: bytes[used...]))
            }
        } else {
            pending.append(bytes)
            let used: Int
            (used, next) = try split(pending.readableBytes, completedAny: &completedAny, onFrame: onFrame)
            pending.consume(next == .stop ? pending.readableCount : used)
            if next == .stop { return }
        }
        if pending.isEmpty {
            partialFrameSince = nil
            pending.releaseIfEmpty(above: 64 * 1024)
        } else if next == .pause {
            // Not reading is the server's choice, not the client's slowness: the
            // slow-frame clock restarts when reading does.
            partialFrameSince = nil
        } else {
            if completedAny || partialFrameSince == nil { partialFrameSince = now }
            reserveForPartialFrame()
        }
    }

    /// How many bytes the frames handed out took, and what `onFrame` last asked for.
    private func split(
        _ bytes: UnsafeRawBufferPointer, completedAny: inout Bool, onFrame: (UnsafeRawBufferPointer) -> Next
    ) throws(Failure) -> (used: Int, next: Next) {
        var offset = 0
        while bytes.count - offset >= 4 {
            let length = FrameReader.readLength(bytes, at: offset)
            guard length <= UInt64(maxFrameSize) else {
                throw .frameTooLarge(length: length, limit: maxFrameSize)
            }
            let total = 4 + Int(length)
            guard bytes.count - offset >= total else { break }
            completedAny = true
            let body = UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<(offset + total)])
            offset += total
            let next = onFrame(body)
            if next != .more { return (offset, next) }
        }
        return (offset, .more)
    }

    /// Once the length of the incomplete frame is known (and checked), grows the
    /// buffer to hold it all, so a large frame is not copied at every doubling.
    private func reserveForPartialFrame() {
        let bytes = pending.readableBytes
        guard bytes.count >= 4 else { return }
        let total = 4 + Int(FrameReader.readLength(bytes, at: 0))
        if total > bytes.count { _ = pending.reserve(total - bytes.count) }
    }

    @inline(__always)
    private static func readLength(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(bytes[offset]) << 24 | UInt64(bytes[offset + 1]) << 16
            | UInt64(bytes[offset + 2]) << 8 | UInt64(bytes[offset + 3])
    }
}
