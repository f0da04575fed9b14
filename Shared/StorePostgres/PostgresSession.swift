import Store

/// A PostgreSQL connection as storage code sees it: the `SQLSession` a service's
/// queries run on, written once with `?` and translated here (`SQLDialect.postgres`),
/// with PostgreSQL's errors turned into the `StoreError`s SQLite would have raised.
final class PostgresSession: SQLSession {
    let connection: PostgresConnection
    private(set) var changes = 0
    /// Each statement's PostgreSQL text, by the text the code wrote, translated once.
    private var translated: [String: String] = [:]

    init(connection: PostgresConnection) {
        self.connection = connection
    }

    var dialect: SQLDialect { .postgres }

    func execute(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws {
        _ = try run(sql, arguments)
    }

    func query(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws -> [Row] {
        try run(sql, arguments)
    }

    func queryOne(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws -> Row? {
        try run(sql, arguments).first
    }

    private func run(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws(StoreError) -> [Row] {
        let statement = translated[sql] ?? dialect.statement(sql)
        if translated.count < 1_024 { translated[sql] = statement }
        do {
            let result = try connection.run(prepared: statement, arguments.map { $0?.sqlValue ?? .null })
            changes = result.changes
            return result.rows
        } catch {
            throw error.storeError
        }
    }
}
