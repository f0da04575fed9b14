import ServiceKit
import Store
import StorePostgres

/// Where the learning service keeps its data (Services/learning/README.md): its own
/// SQLite file, as every service (the default, one replica; a path in
/// `SOTAY_LEARNING_DATABASE` names another file), or, when
/// `SOTAY_LEARNING_DATABASE` names a `postgresql://` database, that database, shared
/// by every replica started with the same value. The handlers see only `SQLEngine`.
enum LearningStorage {
    static let databaseVariable = "SOTAY_LEARNING_DATABASE"
    /// PostgreSQL connections per replica (`PostgresEngine`).
    static let connectionsVariable = "SOTAY_LEARNING_DATABASE_CONNECTIONS"
    /// The advisory lock the replicas' migrations take: the service's port, unique
    /// among the services that may share a server.
    static let migrationLockKey: Int64 = 7105

    /// The engine `kit`'s environment names. Otherwise than by default, the SQLite file
    /// ServiceKit opened for every service stays empty of learning's data; the engine
    /// is closed when the service stops.
    static func engine(for kit: ServiceEnvironment) async throws -> any SQLEngine {
        let value = kit.variable(databaseVariable) ?? ""
        guard value.hasPrefix("postgresql://") || value.hasPrefix("postgres://") else {
            guard !value.isEmpty else { return SQLiteEngine(database: kit.database) }
            guard !value.contains("://") else {
                throw ConfigError(variable: databaseVariable,
                                  problem: "must be a postgresql:// URL, a file path, or unset for the service's SQLite file")
            }
            let database = try await Database.open(path: value, migrations: LearningMigrations.sqlite)
            kit.onStop { await database.close() }
            return SQLiteEngine(database: database)
        }
        let connections = try kit.variable(connectionsVariable).map { text in
            guard let count = Int(text), (1...64).contains(count) else {
                throw ConfigError(variable: connectionsVariable, problem: "must be a number from 1 to 64")
            }
            return count
        } ?? PostgresEngine.defaultConnections
        let engine = try await PostgresEngine.open(url: value, migrations: LearningMigrations.postgres,
                                                   lockKey: migrationLockKey, connections: connections)
        kit.onStop { await engine.close() }
        kit.logger.info("storage: PostgreSQL (\(connections) connections), shared by every replica")
        return engine
    }
}
