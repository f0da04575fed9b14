/// A service's SQLite database: one writer connection and a small pool of readers,
/// each on its own serial queue. Every method is `async` and never blocks the
/// caller's thread (an event loop, in a service); the closures run synchronously on
/// the connection's queue.
public final class Database: Sendable {
    public struct Configuration: Sendable {
        /// Reader connections in the pool.
        public var readerCount = 4
        /// How long a connection waits for a lock held by another process before
        /// failing with SQLITE_BUSY.
        public var busyTimeoutMilliseconds: Int32 = 5_000
        /// The most submitted pieces committed in one transaction, so that one batch's
        /// latency stays bounded.
        public var maxGroupCommitBatch = 256
        /// When a commit is safe; services keep the default.
        public var durability = Durability.everyCommitOnDisk

        public init() {}
    }

    public let path: String
    private let writer: Writer
    private let readers: ReaderPool

    private init(path: String, writer: Writer, readers: ReaderPool) {
        self.path = path
        self.writer = writer
        self.readers = readers
    }

    /// Opens (creating if needed) the database at `path` in WAL mode with foreign keys
    /// on and `synchronous=FULL` (unless `configuration.durability` says otherwise), runs
    /// `migrations` (see `Migration`), then opens the readers. The file and its -wal and
    /// -shm are mode 0600, a folder created for it 0700 (`PrivateFiles`).
    public static func open(
        path: String, migrations: [Migration] = [], configuration: Configuration = Configuration()
    ) async throws -> Database {
        let writerConnection = try await SerialConnection.open(
            path: path, role: .writer, label: "sotay.store.writer",
            busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        let writer = Writer(connection: writerConnection, maxBatchSize: configuration.maxGroupCommitBatch)
        var readers: [SerialConnection] = []
        do {
            if configuration.durability == .survivesProcessCrash {
                // Per connection, and only the writer commits.
                try await writer.runWithoutTransaction { connection in try connection.execute("PRAGMA synchronous = NORMAL") }
            }
            try await writer.runWithoutTransaction { connection in try SQLiteMigrator.migrate(connection, with: migrations) }
            for index in 0..<max(1, configuration.readerCount) {
                readers.append(try await SerialConnection.open(
                    path: path, role: .reader, label: "sotay.store.reader.\(index)",
                    busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds))
            }
        } catch {
            for reader in readers { await reader.close() }
            await writer.close()
            throw error
        }
        return Database(path: path, writer: writer, readers: ReaderPool(readers: readers))
    }

    /// Runs `body` on a reader, inside one read transaction (all its queries see the
    /// same committed snapshot). The connection refuses writes.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await readers.run { connection in try connection.inReadTransaction { try body(connection) } }
    }

    /// Runs `body` on the writer inside its own `BEGIN IMMEDIATE … COMMIT`; throwing
    /// rolls everything back. Returns after COMMIT, so the change is durable.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writer.write(body)
    }

    /// Runs `body` on the writer as one piece of a group-commit batch: inside its own
    /// savepoint of a transaction shared with other submitted pieces. Throwing rolls
    /// back only this piece. Returns after the batch's COMMIT, so the change is
    /// durable; if the COMMIT fails, every piece of the batch gets that error.
    public func submit<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writer.submit(body)
    }

    /// Submitted pieces waiting for the writer.
    var pendingSubmissionCount: Int { writer.pendingPieceCount }

    /// Reads waiting for a reader.
    var waitingReadCount: Int { readers.waitingCount }

    /// Copies the database, as of one moment, into a file at `destinationPath` (which
    /// is replaced), while writes go on.
    public func backup(to destinationPath: String) async throws {
        try await readers.run { connection in try connection.backup(to: destinationPath) }
    }

    /// The problems `PRAGMA integrity_check` finds; empty when the database is healthy.
    public func integrityCheck() async throws -> [String] {
        try await readers.run { connection in
            let problems: [String] = try connection.query("PRAGMA integrity_check").map { try $0.get(0) }
            return problems == ["ok"] ? [] : problems
        }
    }

    /// Finishes the work already queued (submitted pieces included), then closes every
    /// connection. Later calls throw `StoreError` of kind `.closed`.
    public func close() async {
        await writer.close()
        await readers.close()
    }
}
