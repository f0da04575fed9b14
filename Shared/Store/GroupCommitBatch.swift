/// One caller's piece of work waiting for a group-commit batch. Pieces are objects, so
/// that a batch moves references around: copying a generic value through an
/// existential looked its type's metadata up on every copy, which took about a tenth
/// of the CPU that group commit used.
protocol GroupCommitPiece: AnyObject, Sendable {
    /// Claims the piece for a batch; false when its caller was cancelled first, in
    /// which case the batch drops it (its caller has been answered).
    func take() -> Bool
    /// Runs the piece inside its own savepoint in the batch's open transaction and
    /// keeps its outcome (its value, or the error that made its savepoint roll back)
    /// for `answer()`.
    func run(on connection: Connection)
    /// Answers the caller with the outcome kept by `run`: the batch has committed.
    func answer()
    /// Answers the caller with the batch's error: the transaction did not commit.
    func answer(throwing error: any Error)
}

/// A submitted closure and the continuation of the task awaiting it.
final class SubmittedPiece<T: Sendable>: GroupCommitPiece, @unchecked Sendable {
    /// Its caller, whom the cancellation handler answers until a batch takes the piece.
    let caller = WaitingCaller<T>()
    // Safety: `continuation` and `outcome` are written on the writer's queue (`take`
    // and `run`, by one batch) and read in `answer`, in the task that the same batch
    // starts after its COMMIT (starting a task orders the writes before it). The piece
    // reaches the writer through the pending list's mutex.
    private let body: @Sendable (Connection) throws -> T
    private var continuation: UnsafeContinuation<T, any Error>?
    private var outcome: Result<T, any Error>?

    init(body: @escaping @Sendable (Connection) throws -> T) {
        self.body = body
    }

    func take() -> Bool {
        continuation = caller.claim()
        return continuation != nil
    }

    func run(on connection: Connection) {
        outcome = Result { try connection.withSavepoint { try body(connection) } }
    }

    func answer() {
        // A batch answers this way only pieces it has taken and run, so both are set.
        continuation?.resume(with: outcome!)
    }

    func answer(throwing error: any Error) {
        continuation?.resume(throwing: error)
    }
}

/// Runs one group-commit batch in one `BEGIN IMMEDIATE … COMMIT` on the writer's
/// queue. `takePieces(limit)` removes and returns up to `limit` waiting pieces; it is
/// called again whenever the batch has run all it took, so pieces submitted meanwhile
/// join this transaction instead of waiting for the next one, until the batch holds
/// `maxPieces` or nothing waits. No piece waits for another to arrive.
///
/// Every caller is answered only after COMMIT returned, so an acknowledged piece is on
/// disk (synchronous=FULL). A piece that throws is rolled back to its savepoint and
/// only its caller sees the error; if the transaction itself fails (BEGIN, COMMIT, or
/// SQLite rolling it back) every caller of the batch gets that error. Each piece is
/// answered exactly once, which the unchecked continuations rely on.
func runGroupCommitBatch(
    on connection: Connection, maxPieces: Int, takingPiecesWith takePieces: (Int) -> [any GroupCommitPiece]
) {
    var pieces = takePieces(maxPieces)
    guard !pieces.isEmpty else { return }
    let outcome = Result {
        try connection.inWriteTransaction {
            var next = 0
            while next < pieces.count {
                pieces[next].run(on: connection)
                next += 1
                guard connection.isInTransaction else {
                    throw StoreError(
                        kind: .transactionRolledBack,
                        message: "SQLite rolled back the group-commit transaction; nothing in it was kept")
                }
                if next == pieces.count, pieces.count < maxPieces {
                    pieces += takePieces(maxPieces - pieces.count)
                }
            }
        }
    }
    // Resuming a caller wakes a thread of Swift's pool (a futex call); resuming a
    // whole batch here kept the writer from its next batch for as long as the pieces
    // took to run, so a task answers them while the writer goes on.
    let batch = pieces
    Task.detached {
        switch outcome {
        case .success: for piece in batch { piece.answer() }
        case .failure(let error): for piece in batch { piece.answer(throwing: error) }
        }
    }
}
