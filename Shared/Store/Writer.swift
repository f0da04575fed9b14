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

    /// A caller whose task is cancelled before a batch takes its piece gets
    /// `CancellationError` and the piece never runs; once taken, the piece runs and
    /// commits with its batch (interrupting it would roll back its batch-mates' work).
    func submit<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let piece = SubmittedPiece(body: body)
        return try await withTaskCancellationHandler {
            // Unchecked, to save the checked continuation's allocation per piece: every
            // piece put in the pending list is either cancelled or taken into exactly
            // one batch (`close` drains the list too), and each is answered once.
            try await withUnsafeThrowingContinuation { continuation in
                guard piece.caller.attach(continuation) else { return }
                let mustSchedule = pending.withLock { pending in
                    pending.pieces.append(piece)
                    defer { pending.drainScheduled = true }
                    return !pending.drainScheduled
                }
                if mustSchedule { scheduleDrain() }
            }
        } onCancel: {
            piece.caller.cancel()
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

    /// Runs one batch (pieces submitted while it runs join it, up to `maxBatchSize`)
    /// and returns whether pieces remain: those submitted while it committed, or past
    /// the limit. They wait for the next batch.
    private func runNextBatch(on connection: Connection) -> Bool {
        runGroupCommitBatch(on: connection, maxPieces: maxBatchSize) { limit in
            pending.withLock { pending in
                // Pieces whose callers were cancelled are dropped on the way.
                var taken: [any GroupCommitPiece] = []
                var looked = 0
                while taken.count < limit, looked < pending.pieces.count {
                    let piece = pending.pieces[looked]
                    looked += 1
                    if piece.take() { taken.append(piece) }
                }
                pending.pieces.removeFirst(looked)
                return taken
            }
        }
        return pending.withLock { pending in
            pending.drainScheduled = !pending.pieces.isEmpty
            return pending.drainScheduled
        }
    }

    /// Commits what was submitted, then closes the connection; later work fails with
    /// `.closed`.
    func close() async {
        await connection.runToCompletion { connection in
            while self.runNextBatch(on: connection) {}
            connection.close()
        }
    }
}
