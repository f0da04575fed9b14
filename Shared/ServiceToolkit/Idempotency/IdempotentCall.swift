import RPC
import ServiceKit
import Store
import Wire

/// A write that a client may retry (docs/architecture.md §5): the key, scoped by the caller, is
/// recorded with a digest of the request and the response bytes in the same
/// transaction as the write's effect, so a retry (the client never saw the answer)
/// gets the first response and writes nothing, and the same key on a different
/// request is refused. Records older than `retentionMs` are forgotten.
///
/// A response that holds personal data is remembered by reference (the record's id,
/// read again through the service's vault), so this table never holds it in clear.
public struct IdempotentCall: Sendable {
    public static let maxKeyLength = 128
    /// Long enough for any client's retries, short enough to keep the table small.
    public static let retentionMs: Int64 = 24 * 3_600_000

    let scope: String
    let key: String
    let method: String
    let requestDigest: [UInt8]
    let nowMs: Int64

    /// The call's record, or nil when the request carries no key (then every call
    /// writes). `request` is the whole request message, key included.
    public static func keyed(scope: String, key: String, method: String, request: some WireMessage,
                             nowMs: Int64) throws(RPCError) -> IdempotentCall? {
        guard !key.isEmpty else { return nil }
        guard key.utf8.count <= maxKeyLength, key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw RPCError.invalidArgument(field: "idempotency_key", "must be 1 to \(maxKeyLength) visible ASCII characters")
        }
        guard let digest = try? SHA256Digest.hash(request.wireEncoded()) else {
            throw RPCError(.internal, "cannot digest the request")
        }
        return IdempotentCall(scope: scope, key: key, method: method, requestDigest: digest, nowMs: nowMs)
    }

    /// The first response's bytes when this call was already made; INVALID_ARGUMENT
    /// naming `idempotency_key` when the key was used for a different request.
    public func recorded(in connection: some SQLSession) throws -> [UInt8]? {
        guard let row = try connection.queryOne(
            "SELECT method, request_digest, response FROM idempotency_records WHERE scope = ? AND key = ? AND at_ms >= ?",
            [scope, key, nowMs - Self.retentionMs]) else { return nil }
        guard (try row.get(0) as String) == method, (try row.get(1) as [UInt8]) == requestDigest else {
            throw RPCError.invalidArgument(field: "idempotency_key", "was already used for a different request")
        }
        return try row.get(2)
    }

    /// The first response, decoded, when this call was already made.
    public func recorded<Response: WireMessage>(_ type: Response.Type, in connection: some SQLSession) throws -> Response? {
        try recorded(in: connection).map { bytes in try Response(wireEncoded: bytes) }
    }

    /// Records the response in the write's transaction, after forgetting expired
    /// records (each write sweeps what expired since the last, so the sweep stays
    /// small, and an expired record of this key is gone before the insert). A plain
    /// INSERT: when the same call, retried on another replica, committed its record
    /// meanwhile, this one fails as a duplicate key, and its engine runs the write
    /// again, which then finds and returns the first response (`SQLEngine`).
    public func remember(_ response: [UInt8], in connection: some SQLSession) throws {
        try Self.sweep(before: nowMs - Self.retentionMs, in: connection)
        try connection.execute(
            """
            INSERT INTO idempotency_records (scope, key, method, request_digest, response, at_ms)
            VALUES (?, ?, ?, ?, ?, ?)
            """,
            [scope, key, method, requestDigest, response, nowMs])
    }

    public func remember(_ response: some WireMessage, in connection: some SQLSession) throws {
        try remember(response.wireEncoded(), in: connection)
    }

    /// Deletes the records made before `cutoffMs`.
    static func sweep(before cutoffMs: Int64, in connection: some SQLSession) throws {
        try connection.execute("DELETE FROM idempotency_records WHERE at_ms < ?", [cutoffMs])
    }

    /// The table, as a migration for the service's own list; `replacing` names an
    /// older table of keys to drop (its records cannot be turned into responses, so a
    /// retry of a call made before the upgrade writes again).
    public static func migration(_ version: Int, replacing oldTable: String? = nil) -> Migration {
        Migration(version, "idempotency records", sql: schema + (oldTable.map { "\nDROP TABLE \($0);" } ?? ""))
    }

    /// The table's SQL, for a service whose migrations are also run on another engine
    /// (`SQLDialect.schema`).
    public static let schema = """
        CREATE TABLE idempotency_records (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            method TEXT NOT NULL,
            request_digest BLOB NOT NULL,
            response BLOB NOT NULL,
            at_ms INTEGER NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;
        CREATE INDEX idempotency_records_by_time ON idempotency_records (at_ms);
        """
}
