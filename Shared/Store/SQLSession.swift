/// The SQL a service's storage code runs, on whichever engine holds its data: SQLite's
/// `Connection` here, a PostgreSQL session in StorePostgres. Statements are written
/// once, in the SQL both engines accept, with `?` placeholders; an engine that speaks
/// another dialect rewrites them itself (`SQLDialect.statement`), so storage code
/// moves from one engine to the other without a second copy of its queries.
///
/// A session lives inside one transaction opened by its engine (`SQLEngine`) and on
/// that engine's thread: like `Connection`, it must not travel.
public protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs one statement to completion, ignoring any rows it returns.
    func execute(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws
    /// All the rows of a query.
    func query(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws -> [Row]
    /// The first row of a query, or nil when it returns none.
    func queryOne(_ sql: String, _ arguments: [(any SQLValueConvertible)?]) throws -> Row?
    /// How many rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { get }
}

extension Connection: SQLSession {
    public var dialect: SQLDialect { .sqlite }
}
