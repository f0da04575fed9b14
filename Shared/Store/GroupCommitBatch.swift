/// One caller's piece of work waiting for a group-commit batch.
protocol GroupCommitPiece: Sendable {
    /// Runs the piece inside its own savepoint in the batch's open transaction and
    /// returns how to answer its caller once COMMIT has succeeded (with the piece's
    /// value, or with the error that made its savepoint roll back).
    func run(on connection: Connection) -> () -> Void
    /// Answers the caller with the batch's error: the transaction did not commit.
    func resume(throwing error: any Error)
}

/// A submitted closure and the continuation of the task awaiting it.
struct SubmittedPiece<T: Sendable>: GroupCommitPiece {
    let body: @Sendable (Connection) throws -> T
    let continuation: CheckedContinuation<T, any Error>

    func run(on connection: Connection) -> () -> Void {
        let outcome = Result { try connection.withSavepoint { try body(connection) } }
        return { continuation.resume(with: outcome) }
    }

    func resume(throwing error: any Error) {
        continuation.resume(throwing: error)
    }
}

/// Runs `pieces` in one `BEGIN IMMEDIATE … COMMIT` on the writer's queue and answers
/// every caller only after COMMIT returned, so an acknowledged piece is on disk
/// (synchronous=FULL). A piece that throws is rolled back to its savepoint and only
/// its caller sees the error; if the transaction itself fails (BEGIN, COMMIT, or
/// SQLite rolling it back) every caller of the batch gets that error.
func runGroupCommitBatch(_ pieces: [any GroupCommitPiece], on connection: Connection) {
    var answers: [() -> Void] = []
    answers.reserveCapacity(pieces.count)
    do {
        try connection.inWriteTransaction {
            for piece in pieces {
                answers.append(piece.run(on: connection))
                guard connection.isInTransaction else {
                    throw StoreError(
                        kind: .transactionRolledBack,
                        message: "SQLite rolled back the group-commit transaction; nothing in it was kept")
                }
            }
        }
    } catch {
        for piece in pieces { piece.resume(throwing: error) }
        return
    }
    for answer in answers { answer() }
}
