/// Transactions and savepoints. `Database.write` and `submit` open the transaction;
/// services use `withSavepoint` for a part of their work that may fail on its own.
extension Connection {
    /// Runs `body` inside a SAVEPOINT: if it throws, everything it did is rolled back
    /// (the rest of the transaction is kept) and the error is rethrown.
    public func withSavepoint<Result>(_ body: () throws -> Result) throws -> Result {
        let statements = try savepointStatements(atDepth: savepointDepth + 1)
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        try execute(statements.begin)
        do {
            let result = try body()
            try execute(statements.release)
            return result
        } catch {
            // SQLite may have rolled back the whole transaction already (I/O error,
            // full disk); then there is no savepoint left to return to.
            if isInTransaction {
                try? uninterruptible {
                    try? execute(statements.rollback)
                    try? execute(statements.release)
                }
            }
            throw error
        }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`: the write lock is taken at the
    /// start, so the transaction never fails half-way for want of it. Throwing rolls
    /// back; a failed COMMIT rolls back too and is rethrown. Once `body` has returned,
    /// COMMIT is not interrupted: the work is done, and committing only keeps it.
    func inWriteTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try inTransaction(beginning: "BEGIN IMMEDIATE", body)
    }

    /// Runs `body` inside a read transaction, so all its queries see one snapshot.
    func inReadTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try inTransaction(beginning: "BEGIN DEFERRED", body)
    }

    private func inTransaction<Result>(beginning begin: String, _ body: () throws -> Result) throws -> Result {
        try execute(begin)
        do {
            let result = try body()
            try uninterruptible { try execute("COMMIT") }
            return result
        } catch {
            rollbackIfInTransaction()
            throw error
        }
    }

    /// Ends an open transaction by rolling it back. A COMMIT that failed (a deferred
    /// foreign key, a busy lock) leaves its transaction open; SQLite may also have
    /// ended it already, in which case there is nothing to do.
    func rollbackIfInTransaction() {
        if isInTransaction { try? uninterruptible { try execute("ROLLBACK") } }
    }
}
