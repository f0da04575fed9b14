import RPC
import Store

/// Remembers which record a keyed write produced, so that a retried call (the client
/// never saw the answer) returns that record instead of writing again. Keys are
/// scoped by the caller, so two callers cannot collide or probe each other's keys.
enum IdempotencyTable {
    static let maxKeyLength = 128

    /// The record an earlier call with this key produced, if any.
    static func recorded(scope: String, key: String, method: String, in connection: Connection) throws -> String? {
        guard !key.isEmpty else { return nil }
        guard key.count <= maxKeyLength else {
            throw RPCError.invalidArgument(field: "idempotency_key", "is longer than \(maxKeyLength) characters")
        }
        guard let row = try connection.queryOne(
            "SELECT method, record_id FROM idempotency_keys WHERE scope = ? AND key = ?", [scope, key]) else {
            return nil
        }
        guard (try row.get(0) as String) == method else {
            throw RPCError.invalidArgument(field: "idempotency_key", "was already used for another kind of call")
        }
        return try row.get(1)
    }

    static func remember(scope: String, key: String, method: String, recordID: String, atMs: Int64,
                         in connection: Connection) throws {
        guard !key.isEmpty else { return }
        try connection.execute(
            "INSERT INTO idempotency_keys (scope, key, method, record_id, at_ms) VALUES (?, ?, ?, ?, ?)",
            [scope, key, method, recordID, atMs])
    }
}
