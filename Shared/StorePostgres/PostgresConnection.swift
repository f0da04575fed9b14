import CLibPQ
import Foundation
import Store

/// One connection to PostgreSQL through libpq. Like Store's SQLite connections it is
/// reached from one serial context at a time (libpq connections are not safe to share
/// between threads), so it is not Sendable: its owner keeps it.
public final class PostgresConnection {
    /// More prepared statements than any service has means SQL is built at run time;
    /// they are dropped then rather than kept without bound.
    private static let preparedStatementLimit = 256

    // libpq's PGconn, owned by this object: finished in deinit, used only here.
    private let handle: OpaquePointer
    /// The name each statement was prepared under on this connection, by its SQL.
    private var preparedNames: [String: String] = [:]

    /// Connects to `url` (`postgresql://user@host:port/database`).
    public init(url: String) throws(PostgresError) {
        guard let handle = PQconnectdb(url) else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message)
        }
        self.handle = handle
    }

    deinit { PQfinish(handle) }

    /// False once the server went away or the connection broke; such a connection is
    /// dropped and a new one opened.
    public var isUsable: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Runs one statement with `$1, $2, …` parameters given as text and returns its
    /// rows as text (none for a statement that returns no rows).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> [[String?]] {
        let bound = BoundParameters(parameters.map { $0.map(SQLValue.text) ?? .null })
        let result = bound.withPointers { values, lengths, formats in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, lengths, formats, 0)
        }
        let rows = try check(result, sql: sql)
        defer { PQclear(rows) }
        return (0..<PQntuples(rows)).map { row in
            (0..<PQnfields(rows)).map { column in
                PQgetisnull(rows, row, column) == 1 ? nil : String(cString: PQgetvalue(rows, row, column))
            }
        }
    }

    /// Runs several statements separated by `;` without parameters (a migration).
    public func executeScript(_ sql: String) throws(PostgresError) {
        PQclear(try check(PQexec(handle, sql), sql: sql))
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    public func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `sql` (with `$n` parameters) as a statement prepared once per connection,
    /// with `values` bound, and returns its rows converted to the values SQLite would
    /// have returned (`PostgresValues`) and the number of rows it changed.
    func run(prepared sql: String, _ values: [SQLValue]) throws(PostgresError) -> (rows: [Row], changes: Int) {
        let name = try preparedName(for: sql)
        let bound = BoundParameters(values)
        let result = bound.withPointers { values, lengths, formats in
            PQexecPrepared(handle, name, Int32(values.count), values, lengths, formats, 0)
        }
        let checked = try check(result, sql: sql)
        defer { PQclear(checked) }
        let columnCount = PQnfields(checked)
        let names = (0..<columnCount).map { String(cString: PQfname(checked, $0)) }
        let types = (0..<columnCount).map { PQftype(checked, $0) }
        let rows = (0..<PQntuples(checked)).map { row in
            Row(readByOtherEngine: (0..<columnCount).map { column in
                guard PQgetisnull(checked, row, column) == 0 else { return .null }
                // The value is owned by the result and copied here, before PQclear.
                let text = String(cString: PQgetvalue(checked, row, column))
                return PostgresValues.value(text, type: types[Int(column)])
            }, columnNames: names)
        }
        let changes = Int(String(cString: PQcmdTuples(checked))) ?? 0
        return (rows, changes)
    }

    private func preparedName(for sql: String) throws(PostgresError) -> String {
        if let name = preparedNames[sql] { return name }
        if preparedNames.count >= Self.preparedStatementLimit {
            try execute("DEALLOCATE ALL")
            preparedNames.removeAll()
        }
        let name = "sotay_\(preparedNames.count + 1)"
        PQclear(try check(PQprepare(handle, name, sql, 0, nil), sql: sql))
        preparedNames[sql] = name
        return name
    }

    /// The result when the statement succeeded (the caller clears it); the classified
    /// error, with the result cleared, when it did not.
    private func check(_ result: OpaquePointer?, sql: String) throws(PostgresError) -> OpaquePointer {
        guard let result else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)), sql: sql)
        }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            // PG_DIAG_SQLSTATE is the character 'C' (a char macro Swift does not import).
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQclear(result)
            throw PostgresError(sqlState: state, message: message, sql: sql)
        }
        return result
    }
}
