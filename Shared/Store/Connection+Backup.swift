import CSQLite

extension Connection {
    /// Copies this connection's main database into `destinationPath` with SQLite's
    /// online backup API, in a single step: one read transaction, so the copy is one
    /// consistent snapshot, and in WAL mode the writer is never blocked by it.
    func backup(to destinationPath: String) throws {
        let source = try openHandle()
        let destination = try Connection(path: destinationPath, role: .backupDestination, busyTimeoutMilliseconds: 5_000)
        defer { destination.close() }
        let destinationHandle = try destination.openHandle()
        // Safety: `backup` is created here from two open connections, both used only on
        // this queue for the duration, and released exactly once by
        // sqlite3_backup_finish below, before either connection closes.
        guard let backup = sqlite3_backup_init(destinationHandle, "main", source, "main") else {
            throw StoreError(
                sqliteCode: sqlite3_extended_errcode(destinationHandle), connection: destinationHandle, sql: nil)
        }
        var stepCode: Int32
        repeat {
            stepCode = sqlite3_backup_step(backup, -1)
        } while stepCode == SQLITE_OK
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE, finishCode == SQLITE_OK else {
            let code = stepCode == SQLITE_DONE ? finishCode : stepCode
            throw StoreError(sqliteCode: code, connection: destinationHandle, sql: nil)
        }
    }
}
