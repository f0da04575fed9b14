import Synchronization

/// The database's single writer connection. `write` and `submit` share it: plain
/// writes run one transaction each, in the order they were queued; submitted pieces
/// gather while the writer is busy and then commit together (group commit).
final class Writer: Sendable {
    private struct Pending {
        var pieces: [any GroupCommitPiece] = []
        /// True while a drain is queued or running, so that one is not queued twice.
        var drainScheduled = false
    }

    private let connection: SerialConnection
    private let maxBatchSize: Int
    private let pending = Mutex(Pending())

    init(connection: SerialConnection, maxBatchSize: Int) {
        self.connection = connection
        self.maxBatchSize = max(1, maxBatchSize)
    }

    /// Runs `body` on the writer's queue outside any transaction (migrations open their
    /// own).
    func runWithoutTransaction<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await connection.run(body)
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await connection.run { connection in try connection.inWriteTransaction { try body(connection) } }
    }

    func submit<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let piece = SubmittedPiece(body: body, continuation: continuation)
            let mustSchedule = pending.withLock { pending in
                pending.pieces.append(piece)
                defer { pending.drainScheduled = true }
                return !pending.drainScheduled
            }
            if mustSchedule { scheduleDrain() }
        }
    }

    /// Submitted pieces not yet taken into a batch (tests use it to know that pieces
    /// will share one).
    var pendingPieceCount: Int {
        pending.withLock { $0.pieces.count }
    }

    private func scheduleDrain() {
        connection.enqueue { connection in
            let hasMore = self.runNextBatch(on: connection)
            // Queued again rather than looping, so plain writes queued meanwhile get
            // their turn between batches.
            if hasMore { self.scheduleDrain() }
        }
    }

    /// Takes up to `maxBatchSize` pending pieces and commits them; returns whether
    /// pieces remain. Pieces submitted while this batch commits wait for the next one.
    private func runNextBatch(on connection: Connection) -> Bool {
        let (batch, hasMore) = pending.withLock { pending in
            let batch = Array(pending.pieces.prefix(maxBatchSize))
            pending.pieces.removeFirst(batch.count)
            pending.drainScheduled = !pending.pieces.isEmpty
            return (batch, pending.drainScheduled)
        }
        if !batch.isEmpty { runGroupCommitBatch(batch, on: connection) }
        return hasMore
    }

    /// Commits what was submitted, then closes the connection; later work fails with
    /// `.closed`.
    func close() async {
        _ = try? await connection.run { connection in
            while self.runNextBatch(on: connection) {}
            connection.close()
        }
    }
}
