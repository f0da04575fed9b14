import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq. Like Store's SQLite connections it is
/// reached from one serial context at a time (libpq connections are not safe to share
/// between threads), so it is not Sendable: its owner keeps it. Values travel as text
/// (libpq's text format); NULL is nil.
public final class PostgresConnection {
    // libpq's PGconn, owned by this object: finished in deinit, used only here.
    private let handle: OpaquePointer

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

    /// Runs one statement with `$1, $2, …` parameters and returns its rows (none for a
    /// statement that returns no rows).
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> [[String?]] {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for copy in copies { free(copy) } }
        // The copies outlive the call (freed by the defer above), and libpq only reads them.
        let values = copies.map { UnsafePointer($0) }
        let result = PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
        return try rows(of: result, sql: sql)
    }

    /// Runs several statements separated by `;` without parameters (a migration).
    public func executeScript(_ sql: String) throws(PostgresError) {
        _ = try rows(of: PQexec(handle, sql), sql: sql)
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

    private func rows(of result: OpaquePointer?, sql: String) throws(PostgresError) -> [[String?]] {
        guard let result else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)), sql: sql)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            // PG_DIAG_SQLSTATE is the character 'C' (a char macro Swift does not import).
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
            let message = String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresError(sqlState: state, message: message, sql: sql)
        }
        let rowCount = PQntuples(result)
        let columnCount = PQnfields(result)
        return (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
    }
}
