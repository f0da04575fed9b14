/// Where a service's data lives, as its storage code sees it: transactions that hand
/// the body a `SQLSession`. `SQLiteEngine` is the service's own file (the default);
/// StorePostgres's `PostgresEngine` is one PostgreSQL database shared by N replicas.
///
/// A write's body may run more than once: an engine shared between processes reruns
/// a transaction that lost a race with another one (a serialization failure, or a
/// unique key another replica committed meanwhile), so that the rerun sees what won.
/// A body must therefore do nothing but SQL, and decide everything from what it reads.
public protocol SQLEngine: Sendable {
    /// One read transaction: all its queries see the same committed snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// One write, all or nothing: throwing rolls it back, and it is durable once this
    /// returns.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T
    /// Finishes the work already queued and closes the engine's connections.
    func close() async
}

/// The service's SQLite file, through `Database`: reads on the reader pool, writes as
/// pieces of a group commit (each in its own savepoint), which never lose a race, as
/// there is one writer.
public struct SQLiteEngine: SQLEngine {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await database.read { connection in try body(connection) }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await database.submit { connection in try body(connection) }
    }

    public func close() async {
        await database.close()
    }
}
